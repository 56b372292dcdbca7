namespace Moderation.Client;

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
