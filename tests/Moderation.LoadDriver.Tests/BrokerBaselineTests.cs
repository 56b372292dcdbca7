using Moderation.Testing;
using RabbitMQ.Client;

namespace Moderation.LoadDriver.Tests;

/// <summary>The broker's own limit is measured on a real broker, round by round, and leaves nothing behind.</summary>
[Collection(BusyMachineCollection.Name)]
public sealed class BrokerBaselineTests
{
    [SkippableFact]
    public async Task Every_round_measures_the_broker_and_the_limit_is_their_median()
    {
        TestEnvironment.SkipUnlessRabbitMq();
        var factory = new ConnectionFactory { HostName = TestEnvironment.RabbitMqHost!, VirtualHost = TestEnvironment.RabbitMqVirtualHost };

        var (median, rounds) = await BrokerBaseline.MeasureRoundsAsync(factory, 3, TimeSpan.FromMilliseconds(500), 2_048, CancellationToken.None);

        Assert.Equal(3, rounds.Count);
        Assert.All(rounds, round => Assert.True(round > 0, "every round delivered messages"));
        Assert.Equal(BrokerBaseline.Median(rounds), median);
        Assert.InRange(median, rounds.Min(), rounds.Max());
    }
}
