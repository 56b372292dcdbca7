namespace Moderation.Contracts;

/// <summary>An article was accepted by ingestion; its text is already normalised.</summary>
public sealed record ArticleSubmitted(
    Guid SubmissionId,
    Guid ArticleId,
    string Source,
    string Title,
    string Body,
    string? Url,
    string? Author,
    string? ExternalId,
    string? Language,
    DateTimeOffset OccurredAt);

/// <summary>A comment was accepted under an article, possibly as a reply to another comment.</summary>
public sealed record CommentSubmitted(
    Guid SubmissionId,
    Guid CommentId,
    Guid ArticleId,
    Guid? ParentCommentId,
    string Source,
    string Author,
    string Body,
    string ArticleTitle,
    DateTimeOffset OccurredAt);

/// <summary>The classifier's view of one submission and the verdict the policy drew from it.</summary>
public sealed record ContentClassified(
    Guid SubmissionId,
    ContentKind Kind,
    Verdict Verdict,
    IReadOnlyDictionary<string, double> Scores,
    IReadOnlyList<ClassificationReason> Reasons,
    string ModelVersion,
    string PolicyVersion,
    DateTimeOffset OccurredAt);

/// <summary>
/// A decision on a submission. <see cref="IsFinal"/> is false for an escalation, which hands the
/// case to a senior moderator rather than closing it. <see cref="AppealOf"/> names the removal an
/// appeal contested when the decision was taken on that appeal.
/// </summary>
public sealed record ModerationDecided(
    Guid SubmissionId,
    Guid DecisionId,
    DecisionOutcome Outcome,
    DecisionActorKind ActorKind,
    string Actor,
    string ReasonCode,
    string? Note,
    IReadOnlyDictionary<string, int>? Labels,
    bool IsFinal,
    DateTimeOffset OccurredAt,
    Guid? AppealOf = null);

/// <summary>
/// The author appealed a removal (<see cref="AppealOf"/> is that decision): the case is open again
/// for a moderator other than the one who removed it, and ends with a decision of its own.
/// </summary>
public sealed record AppealFiled(
    Guid SubmissionId,
    Guid AppealId,
    Guid AppealOf,
    string Reason,
    DateTimeOffset OccurredAt);
