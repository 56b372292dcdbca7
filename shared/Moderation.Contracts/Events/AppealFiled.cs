namespace Moderation.Contracts;

/// <summary>
/// The author appealed a removal (<see cref="AppealOf"/> is that decision): the case is open again
/// for a moderator other than the one who removed it, and ends with a decision of its own.
/// <see cref="FiledBy"/> is the authenticated principal that filed it (the platform's client, filing
/// for its author), never a field of the request; null from a review service that predates it.
/// </summary>
public sealed record AppealFiled(
    Guid SubmissionId,
    Guid AppealId,
    Guid AppealOf,
    string Reason,
    DateTimeOffset OccurredAt,
    string? FiledBy = null);
