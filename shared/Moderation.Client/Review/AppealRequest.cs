namespace Moderation.Client;

public sealed record AppealRequest(Guid? SubmissionId, string? Reason);
