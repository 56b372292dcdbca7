using Moderation.Client;
using Moderation.Contracts;
using Moderation.Review.Storage;
using Moderation.ServiceDefaults;

namespace Moderation.Review.Domain;

/// <summary>Why a moderator's action on an item was refused.</summary>
public enum ReviewRefusal
{
    None,
    NotQueued,
    AlreadyDecided,
    ClaimedByOther,
    NeedsSeniorModerator,
    NotClaimedByCaller,
}

/// <summary>What may happen to a review item, and what it looks like afterwards.</summary>
public static class ReviewRules
{
    public static void ApplyContent(ReviewItem item, ContentKind kind, string? title, string text)
    {
        ArgumentNullException.ThrowIfNull(item);
        item.Kind = kind;
        item.Title = title;
        item.Text = text;
    }

    public static void ApplyClassification(ReviewItem item, ContentClassified classified)
    {
        ArgumentNullException.ThrowIfNull(item);
        ArgumentNullException.ThrowIfNull(classified);
        item.Kind = classified.Kind;
        item.Verdict = classified.Verdict;
        item.Scores = new Dictionary<string, double>(classified.Scores, StringComparer.Ordinal);
        item.Reasons = [.. classified.Reasons];
        var top = classified.Scores.OrderByDescending(s => s.Value).ThenBy(s => s.Key, StringComparer.Ordinal).FirstOrDefault();
        item.TopCategory = top.Key ?? "";
        item.Priority = Priority(classified.Kind, top.Value);
    }

    /// <summary>Worst first; a comment aimed at a person outranks an article at the same score.</summary>
    public static double Priority(ContentKind kind, double topScore) =>
        Math.Round(topScore * 100 + (kind == ContentKind.Comment ? 10 : 0), 2);

    /// <summary>Applies a moderator's decision; returns why it was refused, or <see cref="ReviewRefusal.None"/>.</summary>
    public static ReviewRefusal Decide(ReviewItem item, ModerationDecided decision, bool isSenior, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(item);
        ArgumentNullException.ThrowIfNull(decision);
        if (!item.IsQueued)
        {
            return ReviewRefusal.NotQueued;
        }

        if (item.Status == ReviewItemStatus.Decided)
        {
            return ReviewRefusal.AlreadyDecided;
        }

        if (item.Escalated && !isSenior)
        {
            return ReviewRefusal.NeedsSeniorModerator;
        }

        if (item.IsClaimedByOther(decision.Actor, now))
        {
            return ReviewRefusal.ClaimedByOther;
        }

        item.Decisions.Add(new StoredDecision(decision, null));
        item.ClaimedBy = null;
        item.LeaseUntil = null;
        if (decision.Outcome == DecisionOutcome.Escalate)
        {
            item.Escalated = true;
            item.Status = ReviewItemStatus.Pending;
        }
        else
        {
            item.Status = ReviewItemStatus.Decided;
            item.Decision = new DecisionView(decision.DecisionId, decision.Outcome, decision.ActorKind, decision.Actor,
                decision.ReasonCode, decision.Note, decision.OccurredAt);
        }

        return ReviewRefusal.None;
    }

    public static ReviewRefusal Release(ReviewItem item, string moderator, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(item);
        if (item.Status != ReviewItemStatus.Claimed || item.LeaseUntil <= now || !string.Equals(item.ClaimedBy, moderator, StringComparison.Ordinal))
        {
            return ReviewRefusal.NotClaimedByCaller;
        }

        item.Status = ReviewItemStatus.Pending;
        item.ClaimedBy = null;
        item.LeaseUntil = null;
        return ReviewRefusal.None;
    }

    /// <summary>The stored decisions of these items that still wait to be published, oldest grace first.</summary>
    public static IReadOnlyList<PendingEvent> PendingDecisions(IEnumerable<ReviewItem> items, DateTimeOffset decidedBefore, int limit) =>
        items.SelectMany(i => i.Decisions
                .Where(d => d.PublishedAt is null && d.Event.OccurredAt < decidedBefore)
                .Select(d => new PendingEvent(DecisionKey.Of(i.ItemId, d.Event.DecisionId), d.Event)))
            .Take(limit)
            .ToList();

    public static bool MarkPublished(ReviewItem item, Guid decisionId, DateTimeOffset publishedAt)
    {
        ArgumentNullException.ThrowIfNull(item);
        var index = item.Decisions.FindIndex(d => d.Event.DecisionId == decisionId && d.PublishedAt is null);
        if (index < 0)
        {
            return false;
        }

        item.Decisions[index] = item.Decisions[index] with { PublishedAt = publishedAt };
        return true;
    }
}
