namespace Moderation.Client;

public sealed record AuditEntryView(
    long Sequence,
    DateTimeOffset OccurredAt,
    string EventType,
    Guid SubmissionId,
    string Actor,
    IReadOnlyDictionary<string, string?> Data,
    string PreviousHash,
    string Hash);

public sealed record AuditEntriesPage(IReadOnlyList<AuditEntryView> Entries, long? NextAfter);

public sealed record AuditVerification(bool Ok, long Entries, long? FirstBrokenSequence);

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

/// <summary>Submissions received in the period; <see cref="Pending"/> are not classified yet.</summary>
public sealed record SubmissionTotals(long Submissions, long Articles, long Comments, long Allow, long Review, long Block, long Pending);

/// <summary>Decisions taken in the period, the policy's own and moderators', escalations included.</summary>
public sealed record DecisionTotals(long Decisions, long ByPolicy, long ByModerators, long Approved, long Removed, long Escalated);

/// <summary>
/// Messages that failed every retry and wait in an error queue (<c>&lt;queue&gt;_error</c>) until an
/// admin re-drives them, counted on the broker as the overview is read, per queue of the pipeline.
/// <see cref="Counted"/> is false when they cannot be counted (the in-memory bus, or the broker out of
/// reach): <see cref="Messages"/> is then 0, <see cref="Queues"/> empty, and <see cref="Note"/> says why.
/// </summary>
public sealed record ErrorQueueFigures(bool Counted, long Messages, IReadOnlyList<ErrorQueueView> Queues, string? Note);

/// <summary>Submissions received in one hour of one kind, verdict (<c>pending</c> before classification) and top category (<c>none</c> without one).</summary>
public sealed record HourlySubmissions(DateTimeOffset Hour, string Kind, string Verdict, string Category, long Count);

/// <summary>The review queue now: items with a <c>review</c> verdict and no final decision yet.</summary>
public sealed record QueueFigures(long Depth, double? OldestItemAgeSeconds, long PastSla, double SlaSeconds);

/// <summary>Nearest-rank percentiles in seconds over the submissions of the period that got that far.</summary>
public sealed record LatencyFigures(long Count, double? P50Seconds, double? P90Seconds, double? P99Seconds);

public sealed record ModeratorFigures(string Moderator, long Decisions, long Approved, long Removed, long Escalated);

/// <summary>
/// How often moderators agreed with the classifier's <c>review</c> or <c>block</c> verdicts in one
/// top category: a final moderator decision of <c>remove</c> agrees, <c>approve</c> disagrees.
/// <see cref="Precision"/> is agreed / judged.
/// </summary>
public sealed record ClassifierAgreement(string Category, string Verdict, long Judged, long Agreed, double Precision);

/// <summary>
/// Final decisions taken on a submission that already had one: <see cref="Upheld"/> kept the earlier
/// outcome, <see cref="Overturned"/> changed it.
/// </summary>
public sealed record AppealFigures(long Decided, long Upheld, long Overturned);

/// <summary>
/// The log's head as the Audit service vouched for it: entry <see cref="Sequence"/> (0 for an empty log)
/// carried <see cref="Hash"/> at <see cref="IssuedAt"/>. <see cref="Signature"/> is base64 of an
/// <see cref="Algorithm"/> (ECDSA P-256, SHA-256, IEEE P1363) signature by the checkpoint key
/// <see cref="KeyId"/>, whose public key <c>GET /api/v1/audit/checkpoint-key</c> serves. Kept outside
/// the service, it lets a later verify prove the log was neither cut nor rewritten up to it.
/// </summary>
public sealed record AuditCheckpoint(long Sequence, string Hash, string Signature, string KeyId, DateTimeOffset IssuedAt, string Algorithm);

/// <summary>The public key that checks checkpoint signatures, in PEM (SubjectPublicKeyInfo).</summary>
public sealed record AuditCheckpointKey(string KeyId, string Algorithm, string PublicKeyPem);

/// <summary>
/// One line of <c>GET /api/v1/audit/export.ndjson</c>: an entry with every field its hash covers, so the
/// chain can be verified away from the service. <see cref="KeyId"/> names the chain key; null for an
/// entry chained with unkeyed SHA-256 before keys existed.
/// </summary>
public sealed record AuditExportedEntry(
    long Sequence,
    string EventKey,
    string EventType,
    Guid SubmissionId,
    string Actor,
    DateTimeOffset OccurredAt,
    IReadOnlyDictionary<string, string?> Data,
    string? KeyId,
    string PreviousHash,
    string Hash);
