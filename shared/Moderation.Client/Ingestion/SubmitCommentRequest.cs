namespace Moderation.Client;

public sealed record SubmitCommentRequest(string? Author, string? Body, Guid? ParentCommentId = null);
