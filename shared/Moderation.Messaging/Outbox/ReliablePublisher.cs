using System.Collections.Concurrent;
using MassTransit;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

using Moderation.Storage;

namespace Moderation.Messaging;

/// <summary>
/// Publishes a stored event and marks it; a failure leaves it to the sweeper instead of failing the
/// caller. The marks of concurrent publishes to one store are written together (<see cref="WriteGroups{TItem, TResult}"/>),
/// so the outbox does not cost a store write per submission (docs/decisions/0005-hand-written-outbox.md).
/// </summary>
public sealed partial class ReliablePublisher(IBus bus, IOptions<OutboxOptions> options, TimeProvider clock, ILogger<ReliablePublisher> logger)
{
    /// <summary>A publish still running after this many timeouts is taken as lost, and the sweeper publishes its events again.</summary>
    private const int AbandonAfterTimeouts = 12;

    private readonly ConcurrentDictionary<IPendingEventSource, WriteGroups<string, string>> _marks = new(ReferenceEqualityComparer.Instance);
    private readonly ConcurrentDictionary<string, DateTimeOffset> _stillPublishing = new(StringComparer.Ordinal);

    public Task<bool> PublishAsync(IPendingEventSource source, PendingEvent pending, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(pending);
        return PublishAsync(source, pending.Message, [pending.Key], cancellationToken);
    }

    /// <summary>
    /// Publishes one message that carries the stored events of <paramref name="keys"/> (a batch) and
    /// marks them all; if the publish fails, the sweeper publishes each of them on its own later.
    /// </summary>
    public async Task<bool> PublishAsync(IPendingEventSource source, object message, IReadOnlyCollection<string> keys, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(keys);
        // The publish itself is never cancelled, only waited for: RabbitMQ.Client 7.2 can keep a
        // channel's publisher-confirmation lock when a publish is cancelled at the wrong moment of a
        // broker restart (rabbitmq-dotnet-client#1930), and every later publish on that channel then
        // waits forever. A publish that outlives the timeout goes on and marks its events if it
        // lands; until then the sweeper leaves them to it, so an event is not published twice.
        var now = clock.GetUtcNow();
        if (keys.Any(key => _stillPublishing.TryGetValue(key, out var since) && now - since < options.Value.PublishTimeout * AbandonAfterTimeouts))
        {
            return false;
        }

        foreach (var key in keys)
        {
            _stillPublishing[key] = now;
        }

        var publish = PublishUncancelled(message);
        try
        {
            await publish.WaitAsync(options.Value.PublishTimeout, clock, cancellationToken);
        }
        catch (Exception ex)
        {
            _ = MarkWhenPublishedAsync(source, publish, keys);
            if (ex is OperationCanceledException && cancellationToken.IsCancellationRequested)
            {
                throw;
            }

            LogPublishDeferred(logger, message.GetType().Name, keys.Count, ex);
            return false;
        }

        try
        {
            await MarkAsync(source, keys);
        }
        finally
        {
            Forget(keys);
        }

        return true;
    }

    private void Forget(IReadOnlyCollection<string> keys)
    {
        foreach (var key in keys)
        {
            _stillPublishing.TryRemove(key, out _);
        }
    }

    private Task PublishUncancelled(object message)
    {
        try
        {
            return bus.Publish(message, message.GetType(), CancellationToken.None);
        }
        catch (Exception ex)
        {
            return Task.FromException(ex);
        }
    }

    private Task MarkAsync(IPendingEventSource source, IReadOnlyCollection<string> keys) =>
        _marks
            .GetOrAdd(source, store => WriteGroups.For<string>((marked, token) => store.MarkPublishedAsync(marked, clock.GetUtcNow(), token)))
            .WriteAsync([.. keys], CancellationToken.None);

    private async Task MarkWhenPublishedAsync(IPendingEventSource source, Task publish, IReadOnlyCollection<string> keys)
    {
        try
        {
            await publish;
            await MarkAsync(source, keys);
        }
        catch (Exception ex)
        {
            LogLatePublishFailed(logger, keys.Count, ex);
        }
        finally
        {
            Forget(keys);
        }
    }

    [LoggerMessage(LogLevel.Debug, "A late publish of {Count} stored events did not land or could not be marked; the sweeper will publish them.")]
    private static partial void LogLatePublishFailed(ILogger logger, int count, Exception exception);

    [LoggerMessage(LogLevel.Warning, "A {MessageType} carrying {Count} stored events could not be published now; the sweeper will publish them.")]
    private static partial void LogPublishDeferred(ILogger logger, string messageType, int count, Exception exception);
}
