using Moderation.Contracts;

namespace Moderation.Client;

public sealed record SubmitArticleRequest(
    string? Source,
    string? Title,
    string? Body,
    string? Url = null,
    string? Author = null,
    string? ExternalId = null,
    string? Language = null);

/// <summary>
/// The answer to a new article: 202 with the new submission, or 200 with <paramref name="DuplicateOf"/>
/// set when the same content from the same source was submitted within the duplicate window (the ids
/// are then the first submission's).
/// </summary>
public sealed record ArticleAccepted(Guid SubmissionId, Guid ArticleId, string StatusUrl, Guid? DuplicateOf = null);

/// <summary>A scraped page imported as an article: what was found on it, and the submission made of it.</summary>
public sealed record ArticleImported(Guid SubmissionId, Guid ArticleId, string Title, string Body, string StatusUrl, Guid? DuplicateOf = null);

public sealed record SubmitCommentRequest(string? Author, string? Body, Guid? ParentCommentId = null);

public sealed record CommentAccepted(Guid SubmissionId, Guid CommentId, string StatusUrl, Guid? DuplicateOf = null);

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

public enum BatchLineStatus
{
    Accepted,
    Duplicate,
    Rejected,
}

/// <summary>What became of one line; <paramref name="Line"/> counts from 1, blank lines included.</summary>
public sealed record BatchLineResult(
    int Line,
    BatchLineStatus Status,
    Guid? SubmissionId = null,
    Guid? ArticleId = null,
    Guid? CommentId = null,
    Guid? DuplicateOf = null,
    string? Error = null);

public sealed record BatchResult(int Accepted, int Duplicates, int Rejected, IReadOnlyList<BatchLineResult> Results);

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

/// <summary>Where a submission is in its life, as <c>GET /api/v1/submissions/{id}</c> reports it.</summary>
public enum SubmissionStatus
{
    Received,
    Classified,
    InReview,
    Approved,
    Removed,
}

/// <summary>
/// A decision on a submission. To the submission's publisher a moderator's decision shows its outcome
/// and public reason only: <see cref="Actor"/> and <see cref="Note"/> are null unless an admin reads it.
/// </summary>
public sealed record DecisionView(
    Guid DecisionId,
    DecisionOutcome Outcome,
    DecisionActorKind ActorKind,
    string? Actor,
    string ReasonCode,
    string? Note,
    DateTimeOffset DecidedAt);

public sealed record TimelineEntry(DateTimeOffset At, SubmissionStatus Status, string Detail);

public sealed record SubmissionView(
    Guid SubmissionId,
    ContentKind Kind,
    SubmissionStatus Status,
    Guid ArticleId,
    Guid? CommentId,
    Guid? ParentCommentId,
    string Source,
    DateTimeOffset ReceivedAt,
    Verdict? Verdict,
    IReadOnlyDictionary<string, double>? Scores,
    IReadOnlyList<ClassificationReason>? Reasons,
    string? ModelVersion,
    string? PolicyVersion,
    DecisionView? Decision,
    IReadOnlyList<TimelineEntry> Timeline);
