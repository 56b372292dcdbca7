using Microsoft.Extensions.Options;
using Moderation.Messaging;

namespace Moderation.Audit.Domain.Dashboard;

/// <summary>
/// The dashboard's view of messages that failed every retry: counted on the broker, in the same
/// error queues the admin endpoints list and re-drive, so a poison message shows from the moment it
/// lands there until it is re-driven, whichever service's queue it failed in. The in-memory bus has
/// no error queues to count; a broker out of reach makes the overview answer without the counts.
/// </summary>
public sealed partial class ErrorQueueGauge(IOptions<BusOptions> bus, IOptions<AuditOptions> options, RabbitMqErrorQueues errorQueues, ILogger<ErrorQueueGauge> logger)
{
    private const string InMemoryNote = "the in-memory bus keeps no error queues (Bus:Transport is InMemory)";

    public async Task<ErrorQueueReading> ReadAsync(CancellationToken cancellationToken)
    {
        if (bus.Value.Transport != BusTransport.RabbitMq)
        {
            return new ErrorQueueReading(false, 0, [], InMemoryNote);
        }

        var (queues, failure) = await errorQueues.TryCountAsync(options.Value.QueuesToWatch, options.Value.ErrorQueueCountTimeout, cancellationToken);
        if (queues is null)
        {
            LogNotCounted(logger, failure);
            return new ErrorQueueReading(false, 0, [], failure);
        }

        return new ErrorQueueReading(true, queues.Sum(q => q.Messages), queues, null);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The dashboard could not count the error queues: {Failure}.")]
    private static partial void LogNotCounted(ILogger logger, string? failure);
}
