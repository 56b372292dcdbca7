using Moderation.Contracts;
using Moderation.Messaging;
using Moderation.Review.Domain.Queue;

namespace Moderation.Review.Domain;

/// <summary>What may happen to a review item, and what it looks like afterwards.</summary>
public static class ReviewRules
{
    /// <summary>The reason code of decisions the policy takes on its own (Allow and Block verdicts).</summary>
    public const string PolicyReasonCode = "policy";

    /// <param name="publisher">Null for content from an ingestion that predates publishers, or an admin's own submission.</param>
    public static void ApplyContent(ReviewItem item, ContentKind kind, string? title, string text, string? publisher = null)
    {
        ArgumentNullException.ThrowIfNull(item);
        item.Kind = kind;
        item.Title = title;
        item.Text = text;
        item.Publisher = publisher;
    }

    /// <summary>Places a comment in its thread: its own id, and the text of the comment it answers when Review has it.</summary>
    public static void ApplyThread(ReviewItem item, Guid commentId, Guid? parentCommentId, string? parentText)
    {
        ArgumentNullException.ThrowIfNull(item);
        item.CommentId = commentId;
        item.ParentCommentId = parentCommentId;
        item.ParentText = parentText;
    }

    public static void ApplyClassification(ReviewItem item, ContentClassified classified, QueuePriority? priority = null)
    {
        ArgumentNullException.ThrowIfNull(item);
        ArgumentNullException.ThrowIfNull(classified);
        priority ??= QueuePriority.Default;
        item.Kind = classified.Kind;
        item.Verdict = classified.Verdict;
        item.PolicyVersion = classified.PolicyVersion;
        item.Scores = new Dictionary<string, double>(classified.Scores, StringComparer.Ordinal);
        item.Reasons = [.. classified.Reasons];
        // A parent category scores at least as high as its sub-categories, so on a tie the sub-category
        // (a threat rather than harassment) says more about what the moderator is looking at.
        var top = classified.Scores.OrderByDescending(s => s.Value).ThenByDescending(s => Categories.ParentOf(s.Key) is not null)
            .ThenBy(s => s.Key, StringComparer.Ordinal).FirstOrDefault();
        item.TopCategory = top.Key ?? "";
        item.Severity = priority.Severity(classified.Kind, item.TopCategory, top.Value);
        item.Priority = priority.Priority(item.Severity, item.ReportCount);
        item.DueAt = classified.OccurredAt + priority.Sla(item.TopCategory);
    }

    /// <summary>
    /// Records the policy's own decision on an Allow or Block verdict, so every submission ends with
    /// one final decision; returns null for a Review verdict or when a decision is already there.
    /// </summary>
    public static ModerationDecided? DecideByPolicy(ReviewItem item, ContentClassified classified, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(item);
        ArgumentNullException.ThrowIfNull(classified);
        if (classified.Verdict == Contracts.Verdict.Review || item.Decisions.Count > 0)
        {
            return null;
        }

        var outcome = classified.Verdict == Contracts.Verdict.Allow ? DecisionOutcome.Approve : DecisionOutcome.Remove;
        var decision = new ModerationDecided(classified.SubmissionId, Guid.CreateVersion7(), outcome, DecisionActorKind.Policy,
            classified.PolicyVersion, PolicyReasonCode, null, null, true, now);
        Record(item, decision);
        return decision;
    }

    /// <summary>
    /// Applies a moderator's decision; returns why it was refused, or <see cref="ReviewRefusal.None"/>.
    /// The decider must hold the item, or it must be claimable by them under <see cref="ClaimRules"/>:
    /// then the decision claims it in the same step, which the store makes atomic, so no claim by
    /// another can come in between. The decision ends that claim at once, so it never counts against
    /// <see cref="ClaimRules.MaxHeld"/>.
    /// </summary>
    public static ReviewRefusal Decide(ReviewItem item, ModerationDecided decision, bool isSenior, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(item);
        ArgumentNullException.ThrowIfNull(decision);
        var decider = decision.Actor;
        if (!item.IsQueued)
        {
            return ReviewRefusal.NotQueued;
        }

        if (item.State == ReviewItemState.Decided)
        {
            return ReviewRefusal.AlreadyDecided;
        }

        if (!ClaimRules.NotExcluding(decider).IsMetBy(item))
        {
            return ReviewRefusal.RemovedByCaller;
        }

        if (!isSenior && !ClaimRules.AtStandardTier.IsMetBy(item))
        {
            return ReviewRefusal.NeedsSeniorModerator;
        }

        if (!ClaimRules.HeldBy(decider, now).IsMetBy(item) && !ClaimRules.ClaimableBy(decider, isSenior, now).IsMetBy(item))
        {
            return ReviewRefusal.ClaimedByOther;
        }

        Record(item, decision);
        return ReviewRefusal.None;
    }

    /// <summary>The removal an appeal on this item contests, which its decisions carry as <see cref="ModerationDecided.AppealOf"/>.</summary>
    public static Guid? AppealOf(ReviewItem item) => item?.Appeal?.Event.AppealOf;

    /// <summary>A user report: counted on an undecided case and raising its priority, rather than making a new item.</summary>
    public static ReviewRefusal Report(ReviewItem item, QueuePriority priority)
    {
        ArgumentNullException.ThrowIfNull(item);
        ArgumentNullException.ThrowIfNull(priority);
        if (item.Text is null)
        {
            return ReviewRefusal.NotQueued;
        }

        if (item.State == ReviewItemState.Decided)
        {
            return ReviewRefusal.AlreadyDecided;
        }

        item.ReportCount++;
        item.Priority = priority.Priority(item.Severity, item.ReportCount);
        return ReviewRefusal.None;
    }

    /// <summary>
    /// Reopens a removed case once, for a moderator other than the ones who removed it, at the tier it
    /// was removed at: the appeal of a removal at senior tier is for another senior moderator. The
    /// appeal runs against the SLA of its category from the moment it is filed. <paramref name="filedBy"/>
    /// is the authenticated caller, whom the audit log names as the appeal's actor.
    /// </summary>
    public static ReviewRefusal Appeal(ReviewItem item, Guid appealId, string reason, string filedBy, QueuePriority priority, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(item);
        ArgumentNullException.ThrowIfNull(priority);
        if (item.Text is null)
        {
            return ReviewRefusal.NotQueued;
        }

        if (item.Appeal is not null)
        {
            return ReviewRefusal.AlreadyAppealed;
        }

        if (item.Decision is not { Outcome: DecisionOutcome.Remove } removal)
        {
            return ReviewRefusal.NotRemoved;
        }

        var removers = item.Decisions
            .Where(d => d.Event.ActorKind == DecisionActorKind.Moderator && d.Event.Outcome == DecisionOutcome.Remove)
            .Select(d => d.Event.Actor)
            .Distinct(StringComparer.Ordinal)
            .ToList();
        item.Appeal = new ReviewItemAppeal(new AppealFiled(item.SubmissionId, appealId, removal.DecisionId, reason, now, filedBy), removers, null);
        item.State = ReviewItemState.Pending;
        item.ClaimedBy = null;
        item.LeaseUntil = null;
        item.DueAt = now + priority.Sla(item.TopCategory);
        return ReviewRefusal.None;
    }

    public static ReviewRefusal Release(ReviewItem item, string moderator, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(item);
        if (!HoldsLease(item, moderator, now))
        {
            return ReviewRefusal.NotClaimedByCaller;
        }

        item.State = ReviewItemState.Pending;
        item.ClaimedBy = null;
        item.LeaseUntil = null;
        return ReviewRefusal.None;
    }

    /// <summary>Extends a live lease of the caller's; an expired lease is not renewed, it is claimed again.</summary>
    public static ReviewRefusal Renew(ReviewItem item, string moderator, DateTimeOffset now, DateTimeOffset leaseUntil)
    {
        ArgumentNullException.ThrowIfNull(item);
        if (!HoldsLease(item, moderator, now))
        {
            return ReviewRefusal.NotClaimedByCaller;
        }

        item.LeaseUntil = leaseUntil;
        return ReviewRefusal.None;
    }

    /// <summary>The stored events of these items that still wait to be published, in the order they happened.</summary>
    public static IReadOnlyList<PendingEvent> PendingDecisions(IEnumerable<ReviewItem> items, DateTimeOffset decidedBefore, int limit) =>
        items.SelectMany(Unpublished)
            .Where(e => e.At < decidedBefore)
            .OrderBy(e => e.At)
            .Take(limit)
            .Select(e => e.Pending)
            .ToList();

    public static bool MarkPublished(ReviewItem item, Guid eventId, DateTimeOffset publishedAt)
    {
        ArgumentNullException.ThrowIfNull(item);
        if (item.Appeal is { PublishedAt: null } appeal && appeal.Event.AppealId == eventId)
        {
            item.Appeal = appeal with { PublishedAt = publishedAt };
            return true;
        }

        var index = item.Decisions.FindIndex(d => d.Event.DecisionId == eventId && d.PublishedAt is null);
        if (index < 0)
        {
            return false;
        }

        item.Decisions[index] = item.Decisions[index] with { PublishedAt = publishedAt };
        return true;
    }

    private static bool HoldsLease(ReviewItem item, string moderator, DateTimeOffset now) =>
        item.HasLiveLease(now) && string.Equals(item.ClaimedBy, moderator, StringComparison.Ordinal);

    private static void Record(ReviewItem item, ModerationDecided decision)
    {
        item.Decisions.Add(new ReviewItemDecision(decision, null));
        item.ClaimedBy = null;
        item.LeaseUntil = null;
        if (decision.Outcome == DecisionOutcome.Escalate)
        {
            item.Escalated = true;
            item.State = ReviewItemState.Pending;
        }
        else
        {
            item.State = ReviewItemState.Decided;
        }
    }

    private static IEnumerable<(DateTimeOffset At, PendingEvent Pending)> Unpublished(ReviewItem item)
    {
        if (item.Appeal is { PublishedAt: null } appeal)
        {
            yield return (appeal.Event.OccurredAt, new PendingEvent(DecisionKey.Of(item.ItemId, appeal.Event.AppealId), appeal.Event));
        }

        foreach (var decision in item.Decisions.Where(d => d.PublishedAt is null))
        {
            yield return (decision.Event.OccurredAt, new PendingEvent(DecisionKey.Of(item.ItemId, decision.Event.DecisionId), decision.Event));
        }
    }
}
