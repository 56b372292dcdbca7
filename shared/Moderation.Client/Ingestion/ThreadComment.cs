using Moderation.Contracts;

namespace Moderation.Client;

/// <summary>
/// A comment in an article's thread. The thread is listed flat in reading order (each comment followed
/// by its replies, oldest first) with each comment's <paramref name="Depth"/> (0 under the article), so
/// that a long chain of replies is never a deeply nested document.
/// </summary>
public sealed record ThreadComment(
    Guid CommentId,
    Guid SubmissionId,
    Guid? ParentCommentId,
    int Depth,
    string Author,
    string Body,
    SubmissionStatus Status,
    Verdict? Verdict,
    DateTimeOffset ReceivedAt);
