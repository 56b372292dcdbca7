using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Moderation.Messaging;

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
