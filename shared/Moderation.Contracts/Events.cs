namespace Moderation.Contracts;

/// <summary>
/// An article was accepted by ingestion; its text is already normalised. <see cref="SubmittedBy"/> is
/// the authenticated principal that submitted it (its API key's or its user's name), never a field of
/// the request; null from an ingestion that predates it. <see cref="Publisher"/> is the tenant the
/// article belongs to (the submitter's publisher); null for an admin's submission and from an
/// ingestion that predates publishers.
/// </summary>
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
    DateTimeOffset OccurredAt,
    string? SubmittedBy = null,
    string? Publisher = null);

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
/// <see cref="FiledBy"/> is the authenticated principal that filed it (the platform's client, filing
/// for its author), never a field of the request; null from a review service that predates it.
/// </summary>
public sealed record AppealFiled(
    Guid SubmissionId,
    Guid AppealId,
    Guid AppealOf,
    string Reason,
    DateTimeOffset OccurredAt,
    string? FiledBy = null);

/// <summary>
/// Submissions accepted together through the batch endpoint, carried as one message so that a
/// batch of hundreds costs the broker a few deliveries instead of hundreds. Every item is exactly
/// the event it would have been on its own, and consumers act on each as they would on that event,
/// in the order given. A submission of a batch that could not be published with it is published
/// later on its own, so a consumer of these also consumes the single events.
/// </summary>
public sealed record BatchSubmitted(
    Guid BatchId,
    IReadOnlyList<ArticleSubmitted> Articles,
    IReadOnlyList<CommentSubmitted> Comments,
    DateTimeOffset OccurredAt);

/// <summary>The classifier's results for the submissions of one <see cref="BatchSubmitted"/>, as one message.</summary>
public sealed record BatchClassified(
    Guid BatchId,
    IReadOnlyList<ContentClassified> Results,
    DateTimeOffset OccurredAt);

/// <summary>The policy's decisions on the results of one <see cref="BatchClassified"/>, as one message.</summary>
public sealed record BatchDecided(
    Guid BatchId,
    IReadOnlyList<ModerationDecided> Decisions,
    DateTimeOffset OccurredAt);
