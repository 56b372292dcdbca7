namespace Moderation.Client;

/// <summary>
/// One line of an NDJSON batch: <c>{"kind":"article", source, title, body, ...}</c> or
/// <c>{"kind":"comment", articleId, author, body, parentCommentId?}</c>.
/// </summary>
public sealed record BatchLine(
    string? Kind,
    string? Source = null,
    string? Title = null,
    string? Body = null,
    string? Url = null,
    string? Author = null,
    string? ExternalId = null,
    string? Language = null,
    Guid? ArticleId = null,
    Guid? ParentCommentId = null);
