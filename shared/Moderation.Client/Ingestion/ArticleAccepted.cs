namespace Moderation.Client;

/// <summary>
/// The answer to a new article: 202 with the new submission, or 200 with <paramref name="DuplicateOf"/>
/// set when the same content from the same source was submitted within the duplicate window (the ids
/// are then the first submission's).
/// </summary>
public sealed record ArticleAccepted(Guid SubmissionId, Guid ArticleId, string StatusUrl, Guid? DuplicateOf = null);
