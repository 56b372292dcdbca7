using System.ComponentModel.DataAnnotations;
using System.Text.RegularExpressions;

namespace Moderation.Audit;

public sealed partial class AuditOptions : IValidatableObject
{
    public const string Section = "Audit";

    /// <summary>How long an item may wait in the review queue before the dashboard counts it past its SLA.</summary>
    [Range(typeof(TimeSpan), "00:01:00", "30.00:00:00")]
    public TimeSpan ReviewSla { get; set; } = TimeSpan.FromHours(4);

    /// <summary>The longest period one overview or CSV export may span.</summary>
    [Range(typeof(TimeSpan), "01:00:00", "400.00:00:00")]
    public TimeSpan MaxPeriod { get; set; } = TimeSpan.FromDays(92);

    /// <summary>
    /// The queues whose error queues (<c>&lt;queue&gt;_error</c>) the dashboard counts on a RabbitMQ bus.
    /// Unset, they are <see cref="DefaultWatchedQueues"/>, the pipeline's four; a list in configuration
    /// replaces them (the configuration binder would append to an initialised array).
    /// </summary>
    [MaxLength(50)]
    public string[]? WatchedQueues { get; set; }

    /// <summary>The queues of the four services, named as each service names its own.</summary>
    public static IReadOnlyList<string> DefaultWatchedQueues { get; } = ["ingestion", "classification", "review", "audit"];

    /// <summary>How long the overview waits for the broker's error-queue counts before it answers without them.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:01:00")]
    public TimeSpan ErrorQueueCountTimeout { get; set; } = TimeSpan.FromSeconds(5);

    public IReadOnlyList<string> QueuesToWatch => WatchedQueues ?? [.. DefaultWatchedQueues];

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        foreach (var queue in WatchedQueues ?? [])
        {
            if (queue is null || !QueueName().IsMatch(queue))
            {
                yield return new ValidationResult(
                    $"'{queue}' is not a queue name: 1 to 200 letters, digits, '-', '_', '.' or ':'.", [nameof(WatchedQueues)]);
            }
        }
    }

    [GeneratedRegex(@"^[A-Za-z0-9_.:\-]{1,200}$")]
    private static partial Regex QueueName();
}
