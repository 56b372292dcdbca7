namespace Moderation.Client;

/// <summary>A scraped page imported as an article: what was found on it, and the submission made of it.</summary>
public sealed record ArticleImported(Guid SubmissionId, Guid ArticleId, string Title, string Body, string StatusUrl, Guid? DuplicateOf = null);
