namespace Moderation.Client;

public sealed record CommentAccepted(Guid SubmissionId, Guid CommentId, string StatusUrl, Guid? DuplicateOf = null);
