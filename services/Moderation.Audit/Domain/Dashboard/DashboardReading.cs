namespace Moderation.Audit.Domain.Dashboard;

/// <summary>
/// The dashboard's figures for the period [<see cref="From"/>, <see cref="To"/>), and the review queue
/// and the error queues as they are now.
/// </summary>
public sealed record DashboardReading(
    DateTimeOffset From,
    DateTimeOffset To,
    DateTimeOffset GeneratedAt,
    long LastSequence,
    SubmissionCounts Totals,
    IReadOnlyList<HourlySubmissionCounts> Hourly,
    QueueReading Queue,
    LatencyReading TimeToVerdict,
    LatencyReading TimeToFinalDecision,
    IReadOnlyList<ModeratorReading> Moderators,
    IReadOnlyList<ClassifierAgreementReading> Agreement,
    AppealReading Appeals,
    DecisionCounts Decisions,
    ErrorQueueReading ErrorQueues);
