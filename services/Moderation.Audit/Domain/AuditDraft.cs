namespace Moderation.Audit.Domain;

/// <summary>What an event contributes to the log before it has a place in the chain.</summary>
public sealed record AuditDraft(
    string EventKey,
    string EventType,
    Guid SubmissionId,
    string Actor,
    DateTimeOffset OccurredAt,
    IReadOnlyDictionary<string, string?> Data);
