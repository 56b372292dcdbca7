namespace Moderation.Client;

public sealed record AppealAccepted(Guid AppealId, Guid SubmissionId, Guid ItemId, Guid AppealOf);
