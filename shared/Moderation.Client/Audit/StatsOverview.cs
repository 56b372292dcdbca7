namespace Moderation.Client;

/// <summary>
/// The dashboard's figures for the period [<see cref="From"/>, <see cref="To"/>), and the review queue
/// and the error queues as they are now.
/// </summary>
public sealed record StatsOverview(
    DateTimeOffset From,
    DateTimeOffset To,
    DateTimeOffset GeneratedAt,
    long LastSequence,
    SubmissionTotals Totals,
    IReadOnlyList<HourlySubmissions> Hourly,
    QueueFigures Queue,
    LatencyFigures TimeToVerdict,
    LatencyFigures TimeToFinalDecision,
    IReadOnlyList<ModeratorFigures> Moderators,
    IReadOnlyList<ClassifierAgreement> Agreement,
    AppealFigures Appeals,
    DecisionTotals Decisions,
    ErrorQueueFigures ErrorQueues);
