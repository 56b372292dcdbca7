using Moderation.Client;
using Moderation.Contracts;
using Moderation.Review.Domain;

namespace Moderation.Review.Endpoints;

/// <summary>The public API's view of Review's domain: the one place the endpoints turn items into DTOs and back.</summary>
public static class ReviewItemViews
{
    /// <summary>The item as a moderator sees it at <paramref name="now"/>: a lease that ran out shows as no lease.</summary>
    public static ReviewItemView ToView(this ReviewItem item, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(item);
        var leaseHeld = item.HasLiveLease(now);
        var decision = item.Decision is { } d ? new DecisionView(d.DecisionId, d.Outcome, d.ActorKind, d.Actor, d.ReasonCode, d.Note, d.OccurredAt) : null;
        var appeal = item.Appeal is { } a ? new AppealView(a.Event.AppealId, a.Event.AppealOf, a.Event.Reason, a.Event.OccurredAt, a.ExcludedModerators) : null;
        return new ReviewItemView(item.ItemId, item.SubmissionId, item.Kind, item.Title, item.Text ?? "", item.Verdict ?? Verdict.Review, item.Scores,
            item.Reasons, item.TopCategory, item.Priority, ToStatus(item.StateAt(now)), leaseHeld ? item.ClaimedBy : null, leaseHeld ? item.LeaseUntil : null,
            item.CreatedAt, decision, item.ParentCommentId, item.ParentText, item.ReportCount, item.DueAt, item.IsPastSla(now), item.Escalated, appeal);
    }

    public static ReviewItemStatus ToStatus(ReviewItemState state) => state switch
    {
        ReviewItemState.Pending => ReviewItemStatus.Pending,
        ReviewItemState.Claimed => ReviewItemStatus.Claimed,
        ReviewItemState.Decided => ReviewItemStatus.Decided,
        _ => throw new ArgumentOutOfRangeException(nameof(state), state, null),
    };

    public static ReviewItemState ToState(ReviewItemStatus status) => status switch
    {
        ReviewItemStatus.Pending => ReviewItemState.Pending,
        ReviewItemStatus.Claimed => ReviewItemState.Claimed,
        ReviewItemStatus.Decided => ReviewItemState.Decided,
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, null),
    };
}
