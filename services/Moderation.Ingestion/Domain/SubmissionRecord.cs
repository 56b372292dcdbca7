using System.Security.Cryptography;
using System.Text;
using Moderation.Contracts;

namespace Moderation.Ingestion.Domain;

/// <summary>
/// The submission of record: what was submitted (normalised) and everything learnt about it since,
/// from the classifier's and the moderators' events.
/// </summary>
public sealed class SubmissionRecord
{
    public required Guid SubmissionId { get; init; }

    public required ContentKind Kind { get; init; }

    public required Guid ArticleId { get; init; }

    public Guid? CommentId { get; init; }

    public Guid? ParentCommentId { get; init; }

    public required string Source { get; init; }

    /// <summary>The article's title; for a comment, the title of the article it sits under.</summary>
    public required string Title { get; init; }

    public required string Body { get; init; }

    public string? Url { get; init; }

    public string? Author { get; init; }

    public string? ExternalId { get; init; }

    public string? Language { get; init; }

    public required DateTimeOffset ReceivedAt { get; init; }

    /// <summary>The authenticated principal that submitted it; null on records stored before it was kept.</summary>
    public string? SubmittedBy { get; init; }

    /// <summary>
    /// The tenant the submission belongs to: the submitter's publisher for an article, the article's
    /// for a comment. Only that publisher's callers (and admins) see it. Null for an admin's own
    /// submission and on records stored before publishers.
    /// </summary>
    public string? Publisher { get; init; }

    public DateTimeOffset? PublishedAt { get; set; }

    /// <summary>
    /// What makes two submissions the same: the normalised text and where it comes from (an article's
    /// source and title; a comment's article, parent and author), as SHA-256 hex. An article's
    /// publisher is part of it, so one publisher's text is never answered as another's duplicate.
    /// </summary>
    public string ContentHash => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Kind == ContentKind.Article
        ? $"{PublisherPrefix}article\n{Source}\n{Title}\n{Body}"
        : $"comment\n{Source}\n{ArticleId}\n{ParentCommentId}\n{Author}\n{Body}")));

    /// <summary>Empty without a publisher, so the hashes of submissions stored before publishers stay as they were.</summary>
    private string PublisherPrefix => Publisher is null ? "" : $"publisher\n{Publisher}\n";

    public Verdict? Verdict { get; set; }

    public Dictionary<string, double>? Scores { get; set; }

    public List<ClassificationReason>? Reasons { get; set; }

    public string? ModelVersion { get; set; }

    public string? PolicyVersion { get; set; }

    public RecordedDecision? Decision { get; set; }

    public List<StatusChange> Timeline { get; set; } = [];

    /// <summary>The removal an author's appeal contests while that appeal waits for its decision.</summary>
    public Guid? OpenAppealOf { get; set; }

    /// <summary>Keys of the events already applied, so a redelivered event changes nothing.</summary>
    public List<string> AppliedEvents { get; set; } = [];

    public SubmissionState Status => OpenAppealOf is not null ? SubmissionState.InReview : Decision switch
    {
        { Outcome: DecisionOutcome.Approve } => SubmissionState.Approved,
        { Outcome: DecisionOutcome.Remove } => SubmissionState.Removed,
        _ => Verdict switch
        {
            Contracts.Verdict.Review => SubmissionState.InReview,
            null => SubmissionState.Received,
            _ => SubmissionState.Classified,
        },
    };

    public static SubmissionRecord Received(SubmissionRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        record.Timeline.Add(new StatusChange(record.ReceivedAt, SubmissionState.Received, $"Received from {record.Source}."));
        return record;
    }

    /// <summary>Applies the classifier's verdict; returns false when it was applied before.</summary>
    public bool Apply(ContentClassified classified)
    {
        ArgumentNullException.ThrowIfNull(classified);
        if (!MarkApplied("classified"))
        {
            return false;
        }

        Verdict = classified.Verdict;
        Scores = new Dictionary<string, double>(classified.Scores, StringComparer.Ordinal);
        Reasons = [.. classified.Reasons];
        ModelVersion = classified.ModelVersion;
        PolicyVersion = classified.PolicyVersion;
        var top = classified.Scores.OrderByDescending(s => s.Value).FirstOrDefault();
        Timeline.Add(new StatusChange(classified.OccurredAt, SubmissionState.Classified,
            $"Classified {classified.Verdict.ToString().ToLowerInvariant()} by policy {classified.PolicyVersion}, model {classified.ModelVersion}; top category {top.Key} ({top.Value:0.00})."));
        if (classified.Verdict == Contracts.Verdict.Review)
        {
            Timeline.Add(new StatusChange(classified.OccurredAt, SubmissionState.InReview, "Queued for a moderator."));
        }

        return true;
    }

    /// <summary>Applies a decision; returns false when it was applied before.</summary>
    public bool Apply(ModerationDecided decided)
    {
        ArgumentNullException.ThrowIfNull(decided);
        if (!MarkApplied($"decision:{decided.DecisionId}"))
        {
            return false;
        }

        var decision = new RecordedDecision(decided.DecisionId, decided.Outcome, decided.ActorKind, decided.Actor, decided.ReasonCode, decided.Note, decided.OccurredAt);
        if (decided.IsFinal)
        {
            Decision = decision;
            if (decided.AppealOf is { } appealOf)
            {
                // Remembered so that an appeal arriving after its own decision does not reopen the case.
                AppliedEvents.Add(AppealDecidedKey(appealOf));
                OpenAppealOf = null;
            }
        }

        var status = decided.Outcome switch
        {
            DecisionOutcome.Approve => SubmissionState.Approved,
            DecisionOutcome.Remove => SubmissionState.Removed,
            _ => SubmissionState.InReview,
        };
        // A moderator is not named here: the timeline is the publisher's to read, and who decided is not.
        var actor = decided.ActorKind == DecisionActorKind.Moderator ? "a moderator" : $"{decided.ActorKind.ToString().ToLowerInvariant()} {decided.Actor}";
        Timeline.Add(new StatusChange(decided.OccurredAt, status, $"{decided.Outcome} by {actor} ({decided.ReasonCode})."));
        return true;
    }

    /// <summary>Applies an author's appeal of a removal: the case is in review again; false when it was applied before.</summary>
    public bool Apply(AppealFiled appeal)
    {
        ArgumentNullException.ThrowIfNull(appeal);
        if (!MarkApplied($"appeal:{appeal.AppealId}"))
        {
            return false;
        }

        if (!AppliedEvents.Contains(AppealDecidedKey(appeal.AppealOf)))
        {
            OpenAppealOf = appeal.AppealOf;
        }

        Timeline.Add(new StatusChange(appeal.OccurredAt, SubmissionState.InReview, $"Appeal of the removal filed: {appeal.Reason}"));
        return true;
    }

    /// <summary>Sets the outbox mark; false when it was set before.</summary>
    public bool MarkPublished(DateTimeOffset publishedAt)
    {
        if (PublishedAt is not null)
        {
            return false;
        }

        PublishedAt = publishedAt;
        return true;
    }

    public object ToEvent() => Kind == ContentKind.Article ? ToArticleSubmitted() : ToCommentSubmitted();

    public ArticleSubmitted ToArticleSubmitted() =>
        new(SubmissionId, ArticleId, Source, Title, Body, Url, Author, ExternalId, Language, ReceivedAt, SubmittedBy, Publisher);

    public CommentSubmitted ToCommentSubmitted() =>
        new(SubmissionId, CommentId!.Value, ArticleId, ParentCommentId, Source, Author ?? "", Body, Title, ReceivedAt, SubmittedBy, Publisher);

    private static string AppealDecidedKey(Guid appealOf) => $"appeal-decided:{appealOf}";

    private bool MarkApplied(string key)
    {
        if (AppliedEvents.Contains(key))
        {
            return false;
        }

        AppliedEvents.Add(key);
        return true;
    }
}
