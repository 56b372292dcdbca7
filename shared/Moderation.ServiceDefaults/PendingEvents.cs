using System.Collections.Concurrent;
using System.ComponentModel.DataAnnotations;
using MassTransit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Moderation.ServiceDefaults;

/// <summary>An event whose record is stored but not yet marked as published.</summary>
public sealed record PendingEvent(string Key, object Message);

/// <summary>
/// A store that keeps a "published" mark beside records that must become events. Together with
/// <see cref="PendingEventSweeper"/> this is the outbox: store, publish, mark; whatever stayed
/// unmarked (bus down, process killed between the steps) is published again later. Consumers are
/// idempotent, so a second publish of the same event changes nothing.
/// </summary>
public interface IPendingEventSource
{
    Task<IReadOnlyList<PendingEvent>> ListPendingAsync(DateTimeOffset storedBefore, int limit, CancellationToken cancellationToken);

    /// <summary>Marks the events of these keys as published, all of them or (on failure) possibly only some.</summary>
    Task MarkPublishedAsync(IReadOnlyCollection<string> keys, DateTimeOffset publishedAt, CancellationToken cancellationToken);
}

public sealed class OutboxOptions
{
    public const string Section = "Outbox";

    /// <summary>How often unmarked events are looked for.</summary>
    [Range(typeof(TimeSpan), "00:00:00.050", "01:00:00")]
    public TimeSpan SweepInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>How long a stored event is left to its own request before the sweeper publishes it.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "01:00:00")]
    public TimeSpan Grace { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How long one publish may wait for the broker before it is left to the sweeper.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:10:00")]
    public TimeSpan PublishTimeout { get; set; } = TimeSpan.FromSeconds(5);

    [Range(1, 10_000)]
    public int BatchSize { get; set; } = 200;
}

/// <summary>
/// Publishes a stored event and marks it; a failure leaves it to the sweeper instead of failing the
/// caller. The marks of concurrent publishes to one store are written together (<see cref="WriteGroups{TItem, TResult}"/>):
/// a mark per publish was one store write per submission for nothing but the outbox.
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
            await publish.WaitAsync(options.Value.PublishTimeout, cancellationToken);
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

public sealed partial class PendingEventSweeper(
    IEnumerable<IPendingEventSource> sources,
    ReliablePublisher publisher,
    IOptions<OutboxOptions> options,
    TimeProvider clock,
    ILogger<PendingEventSweeper> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.SweepInterval, clock);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            foreach (var source in sources)
            {
                try
                {
                    await SweepAsync(source, stoppingToken);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    LogSweepFailed(logger, source.GetType().Name, ex);
                }
            }
        }
    }

    public async Task<int> SweepAsync(IPendingEventSource source, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(source);
        var pending = await source.ListPendingAsync(clock.GetUtcNow() - options.Value.Grace, options.Value.BatchSize, cancellationToken);
        var published = 0;
        foreach (var item in pending)
        {
            if (!await publisher.PublishAsync(source, item, cancellationToken))
            {
                break;
            }

            published++;
        }

        if (published > 0)
        {
            LogRepublished(logger, published, source.GetType().Name);
        }

        return published;
    }

    [LoggerMessage(LogLevel.Information, "Published {Count} stored events that had not been published ({Source}).")]
    private static partial void LogRepublished(ILogger logger, int count, string source);

    [LoggerMessage(LogLevel.Error, "Sweeping {Source} for unpublished events failed.")]
    private static partial void LogSweepFailed(ILogger logger, string source, Exception exception);
}

public static class PendingEventExtensions
{
    /// <summary>Registers the outbox sweeper (once per process) and a source of pending events.</summary>
    public static IServiceCollection AddPendingEventSource<TSource>(this IServiceCollection services, IConfiguration configuration)
        where TSource : class, IPendingEventSource
    {
        if (!services.Any(d => d.ServiceType == typeof(ReliablePublisher)))
        {
            services.AddOptions<OutboxOptions>()
                .Bind(configuration.GetSection(OutboxOptions.Section))
                .ValidateDataAnnotations()
                .ValidateOnStart();
            services.AddSingleton<ReliablePublisher>();
            services.AddSingleton<PendingEventSweeper>();
            services.AddHostedService(sp => sp.GetRequiredService<PendingEventSweeper>());
        }

        services.AddSingleton<IPendingEventSource>(sp => sp.GetRequiredService<TSource>());
        return services;
    }
}
