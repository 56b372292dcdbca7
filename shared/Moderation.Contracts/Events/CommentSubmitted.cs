namespace Moderation.Contracts;

/// <summary>
/// A comment was accepted under an article, possibly as a reply to another comment.
/// <see cref="SubmittedBy"/> is the authenticated principal that submitted it, as on <see cref="ArticleSubmitted"/>;
/// <see cref="Publisher"/> is its article's publisher.
/// </summary>
public sealed record CommentSubmitted(
    Guid SubmissionId,
    Guid CommentId,
    Guid ArticleId,
    Guid? ParentCommentId,
    string Source,
    string Author,
    string Body,
    string ArticleTitle,
    DateTimeOffset OccurredAt,
    string? SubmittedBy = null,
    string? Publisher = null);
