using Moderation.Contracts;
using Moderation.Review.Domain.Queue;

namespace Moderation.Review.Domain;

/// <summary>
/// A case in the review queue. It is assembled from two events that may arrive in either order:
/// the submission (the content snapshot) and its classification. It becomes claimable once both
/// are in and the verdict is Review, or once the author appeals its removal.
/// </summary>
public sealed class ReviewItem
{
    public required Guid ItemId { get; init; }

    public required Guid SubmissionId { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    public ContentKind Kind { get; set; }

    public string? Title { get; set; }

    public string? Text { get; set; }

    /// <summary>The publisher the submission belongs to, from its content snapshot: only that publisher (or an admin) may report or appeal it.</summary>
    public string? Publisher { get; set; }

    /// <summary>Set for a comment, so a reply to it can show what it answers.</summary>
    public Guid? CommentId { get; set; }

    public Guid? ParentCommentId { get; set; }

    public string? ParentText { get; set; }

    public Verdict? Verdict { get; set; }

    public string? PolicyVersion { get; set; }

    public Dictionary<string, double> Scores { get; set; } = [];

    public List<ClassificationReason> Reasons { get; set; } = [];

    public string TopCategory { get; set; } = "";

    /// <summary>The top score weighted by its category and content kind; reports add to it to make <see cref="Priority"/>.</summary>
    public double Severity { get; set; }

    public double Priority { get; set; }

    public int ReportCount { get; set; }

    /// <summary>When the SLA of the top category runs out; the queue puts items past it first.</summary>
    public DateTimeOffset? DueAt { get; set; }

    public bool Escalated { get; set; }

    public List<ReviewItemDecision> Decisions { get; set; } = [];

    public ReviewItemAppeal? Appeal { get; set; }

    public ReviewItemState State { get; set; } = ReviewItemState.Pending;

    public string? ClaimedBy { get; set; }

    public DateTimeOffset? LeaseUntil { get; set; }

    /// <summary>The final decision the case stands on: the last one that was not an escalation, until an appeal reopens the case.</summary>
    public ModerationDecided? Decision =>
        State == ReviewItemState.Decided ? Decisions.LastOrDefault(d => d.Event.Outcome != DecisionOutcome.Escalate)?.Event : null;

    /// <summary>Both halves are in and a person has to look (a Review verdict or an appeal): the item is part of the queue.</summary>
    public bool IsQueued => Text is not null && (Verdict == Contracts.Verdict.Review || Appeal is not null);

    public bool HasUnpublishedEvents => Decisions.Any(d => d.PublishedAt is null) || Appeal is { PublishedAt: null };

    /// <summary>Moderators who may not take this item: those who removed what is now under appeal.</summary>
    public IReadOnlyList<string> ExcludedModerators => Appeal?.ExcludedModerators ?? [];

    public static ReviewItem New(Guid submissionId, DateTimeOffset now) => new()
    {
        ItemId = Guid.CreateVersion7(),
        SubmissionId = submissionId,
        CreatedAt = now,
    };

    public bool HasLiveLease(DateTimeOffset now) => ClaimRules.LiveLease(now).IsMetBy(this);

    public bool IsPastSla(DateTimeOffset now) => ReviewQueueOrder.PastSla(now).IsMetBy(this);

    /// <summary>The state as the queue sees it at <paramref name="now"/>: a claim whose lease ran out counts as pending.</summary>
    public ReviewItemState StateAt(DateTimeOffset now) => State == ReviewItemState.Claimed && !HasLiveLease(now) ? ReviewItemState.Pending : State;

    /// <summary>What the queue's conditions and order read of this item.</summary>
    public object? ValueOf(QueueField field) => field switch
    {
        QueueField.Queued => IsQueued,
        QueueField.State => State,
        QueueField.Escalated => Escalated,
        QueueField.ClaimedBy => ClaimedBy,
        QueueField.LeaseUntil => LeaseUntil,
        QueueField.ExcludedModerators => ExcludedModerators,
        QueueField.TopCategory => TopCategory,
        QueueField.Priority => Priority,
        QueueField.DueAt => DueAt,
        QueueField.CreatedAt => CreatedAt,
        _ => throw new ArgumentOutOfRangeException(nameof(field), field, null),
    };
}
