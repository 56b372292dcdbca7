using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Moderation.Messaging.Tests;

/// <summary>The outbox's clock-driven behaviour, with the clock in the test's hands instead of sleeps.</summary>
public sealed class OutboxTimingTests
{
    private static readonly OutboxOptions Options = new()
    {
        Grace = TimeSpan.FromSeconds(5),
        SweepInterval = TimeSpan.FromSeconds(2),
        PublishTimeout = TimeSpan.FromSeconds(5),
    };

    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 12, 6, 12, 0, 0, TimeSpan.Zero));

    [Fact]
    public async Task A_stored_event_is_left_to_its_own_request_for_the_grace_period_then_swept_published_and_marked()
    {
        var source = new StoredEvents(_clock);
        var (bus, published) = HeldBus.Create();
        var sweeper = Sweeper(source, Publisher(bus));
        source.Store("a");

        _clock.Advance(Options.Grace - TimeSpan.FromMilliseconds(1));
        Assert.Equal(0, await sweeper.SweepAsync(source, CancellationToken.None));
        Assert.Empty(published.Published);

        _clock.Advance(TimeSpan.FromMilliseconds(2));
        Assert.Equal(1, await sweeper.SweepAsync(source, CancellationToken.None));
        Assert.Equal([new StoredMessage("a")], published.Published);
        Assert.Equal(["a"], source.Marked);
    }

    [Fact]
    public async Task The_running_sweeper_publishes_a_stored_event_by_itself_once_its_sweeps_pass_the_grace_period()
    {
        var source = new StoredEvents(_clock);
        var (bus, published) = HeldBus.Create();
        using var sweeper = Sweeper(source, Publisher(bus));
        source.Store("a");
        await sweeper.StartAsync(CancellationToken.None);

        // The sweeper's loop starts on a thread of its own, so the clock moves on one interval at a
        // time until the first sweep past the grace period has published the event.
        var sweeps = 0;
        while (!source.FirstMark.IsCompleted && sweeps++ < 100)
        {
            _clock.Advance(Options.SweepInterval);
            await Task.WhenAny(source.FirstMark, Task.Delay(TimeSpan.FromMilliseconds(50)));
        }

        Assert.True(source.FirstMark.IsCompleted, "The running sweeper never published the event.");
        Assert.Equal([new StoredMessage("a")], published.Published);
        await sweeper.StopAsync(CancellationToken.None);
    }

    [Fact]
    public async Task A_publish_that_outlives_its_timeout_is_not_repeated_until_it_is_taken_as_lost_and_marks_its_event_if_it_lands()
    {
        var source = new StoredEvents(_clock);
        var (bus, control) = HeldBus.Create();
        control.Held = true;
        var publisher = Publisher(bus);
        var pending = source.Store("a");

        var first = publisher.PublishAsync(source, pending, CancellationToken.None);
        Assert.False(first.IsCompleted);
        _clock.Advance(Options.PublishTimeout);
        Assert.False(await first);

        _clock.Advance(Options.PublishTimeout * 10);
        Assert.False(await publisher.PublishAsync(source, pending, CancellationToken.None));
        Assert.Single(control.Published);

        _clock.Advance(Options.PublishTimeout);
        control.Held = false;
        Assert.True(await publisher.PublishAsync(source, pending, CancellationToken.None));
        Assert.Equal(2, control.Published.Count);

        control.LandAll();
        await source.FirstMark.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Contains("a", source.Marked);
    }

    private ReliablePublisher Publisher(MassTransit.IBus bus) =>
        new(bus, Microsoft.Extensions.Options.Options.Create(Options), _clock, NullLogger<ReliablePublisher>.Instance);

    private PendingEventSweeper Sweeper(StoredEvents source, ReliablePublisher publisher) =>
        new([source], publisher, Microsoft.Extensions.Options.Options.Create(Options), _clock, NullLogger<PendingEventSweeper>.Instance);
}
