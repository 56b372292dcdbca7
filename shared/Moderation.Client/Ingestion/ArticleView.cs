using Moderation.Contracts;

namespace Moderation.Client;

/// <summary>An article with its comment thread, as <c>GET /api/v1/articles/{articleId}</c> shows it.</summary>
public sealed record ArticleView(
    Guid ArticleId,
    Guid SubmissionId,
    string Source,
    string Title,
    string Body,
    string? Url,
    SubmissionStatus Status,
    Verdict? Verdict,
    DateTimeOffset ReceivedAt,
    int CommentCount,
    bool CommentsTruncated,
    IReadOnlyList<ThreadComment> Comments);
