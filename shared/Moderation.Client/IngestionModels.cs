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

public sealed record ArticleAccepted(Guid SubmissionId, Guid ArticleId, string StatusUrl);

public sealed record SubmitCommentRequest(string? Author, string? Body, Guid? ParentCommentId = null);

public sealed record CommentAccepted(Guid SubmissionId, Guid CommentId, string StatusUrl);

/// <summary>Where a submission is in its life, as <c>GET /api/v1/submissions/{id}</c> reports it.</summary>
public enum SubmissionStatus
{
    Received,
    Classified,
    InReview,
    Approved,
    Removed,
}

public sealed record DecisionView(
    Guid DecisionId,
    DecisionOutcome Outcome,
    DecisionActorKind ActorKind,
    string Actor,
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
