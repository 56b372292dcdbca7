namespace Moderation.LoadDriver.Tests;

/// <summary>
/// The driver's deliveries per second are the broker's pace while the load runs, read from a
/// counter the management API refreshes only every few seconds.
/// </summary>
public sealed class BrokerDeliveriesTests
{
    private static readonly TimeSpan RefreshInterval = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(250);

    [Theory]
    [InlineData(0)]
    [InlineData(1_300)]
    [InlineData(4_900)]
    public void A_steady_pace_reads_as_that_pace_whatever_the_phase_of_the_refreshes(int refreshPhaseMs)
    {
        // 1,000 deliveries a second from t = 0, refreshed every 5 s, read every 250 ms for 30 s.
        var deliveries = Read(TimeSpan.FromSeconds(30), TimeSpan.FromMilliseconds(refreshPhaseMs), at => (long)(1_000 * at.TotalSeconds));

        var rate = deliveries.RateBetween(TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(25));

        Assert.NotNull(rate);
        Assert.InRange(rate.Value, 970, 1_030);
    }

    [Fact]
    public void Deliveries_of_the_drain_after_the_window_do_not_count_for_it()
    {
        // 1,000 a second for 20 s, then 3,000 a second while a backlog drains.
        var deliveries = Read(TimeSpan.FromSeconds(30), TimeSpan.Zero, at => at.TotalSeconds <= 20
            ? (long)(1_000 * at.TotalSeconds)
            : 20_000 + (long)(3_000 * (at.TotalSeconds - 20)));

        var rate = deliveries.RateBetween(TimeSpan.Zero, TimeSpan.FromSeconds(20));

        Assert.NotNull(rate);
        Assert.InRange(rate.Value, 970, 1_030);
    }

    [Fact]
    public void The_first_reading_is_where_counting_starts_not_a_refresh()
    {
        var deliveries = new BrokerDeliveries();
        deliveries.Observe(TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(10.01), 50_000);
        deliveries.Observe(TimeSpan.FromSeconds(10.25), TimeSpan.FromSeconds(10.26), 50_000);

        Assert.Empty(deliveries.Refreshes);
    }

    [Fact]
    public void A_window_with_fewer_than_two_refreshes_has_no_rate()
    {
        var deliveries = Read(TimeSpan.FromSeconds(30), TimeSpan.Zero, at => (long)(1_000 * at.TotalSeconds));

        Assert.Null(deliveries.RateBetween(TimeSpan.FromSeconds(6), TimeSpan.FromSeconds(9)));
        Assert.Single(deliveries.Refreshes, r => r.At >= TimeSpan.FromSeconds(6) && r.At <= TimeSpan.FromSeconds(11));
    }

    [Fact]
    public void The_broker_limit_is_the_median_round_so_one_slowed_round_does_not_set_it()
    {
        Assert.Equal(11_000, BrokerBaseline.Median([11_000, 4_000, 11_500]));
        Assert.Equal(10_500, BrokerBaseline.Median([11_000, 4_000, 10_000, 12_000]));
    }

    /// <summary>Polls a counter that a simulated management API refreshes every 5 s from <paramref name="refreshPhase"/> on.</summary>
    private static BrokerDeliveries Read(TimeSpan length, TimeSpan refreshPhase, Func<TimeSpan, long> trueCount)
    {
        var deliveries = new BrokerDeliveries();
        for (var askedAt = TimeSpan.Zero; askedAt <= length; askedAt += PollInterval)
        {
            var answeredAt = askedAt + TimeSpan.FromMilliseconds(20);
            var lastRefresh = refreshPhase + (RefreshInterval * Math.Floor((askedAt - refreshPhase) / RefreshInterval));
            deliveries.Observe(askedAt, answeredAt, lastRefresh < TimeSpan.Zero ? 0 : trueCount(lastRefresh));
        }

        return deliveries;
    }
}
