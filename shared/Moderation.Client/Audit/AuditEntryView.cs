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
