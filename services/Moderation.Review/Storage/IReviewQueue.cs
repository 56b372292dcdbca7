using Moderation.Messaging;
using Moderation.Review.Domain;

namespace Moderation.Review.Storage;

public sealed record ReviewQuery(ReviewItemState? State, string? Category, int Page, int PageSize, DateTimeOffset Now)
{
    /// <summary>The queued items the query asks for, in the state they are in at <see cref="Now"/>.</summary>
    public QueueCondition Condition()
    {
        var queued = new QueueCondition.Equal(QueueField.Queued, true);
        var wanted = State switch
        {
            ReviewItemState.Pending => ClaimRules.Open(Now),
            ReviewItemState.Claimed => queued & ClaimRules.LiveLease(Now),
            ReviewItemState.Decided => queued & new QueueCondition.Equal(QueueField.State, ReviewItemState.Decided),
            _ => queued,
        };
        return Category is null ? wanted : wanted & new QueueCondition.Equal(QueueField.TopCategory, Category);
    }
}

/// <summary>One page of the queue, the number of items the query matches, and how many of those are undecided past their SLA.</summary>
public sealed record ReviewPage(IReadOnlyList<ReviewItem> Items, long Total, long PastSla);

/// <summary>A change to the review item of one submission; it returns false to leave an existing item as it is.</summary>
public sealed record SubmissionChange(Guid SubmissionId, Func<ReviewItem, bool> Change);

/// <summary>Who claims, how many, when, and under which rules.</summary>
public sealed record ClaimSpec(string Moderator, bool IsSenior, int Count, DateTimeOffset Now, ClaimRules Rules)
{
    public DateTimeOffset LeaseUntil => Rules.LeaseUntil(Now);

    public QueueCondition Claimable => ClaimRules.ClaimableBy(Moderator, IsSenior, Now);

    public QueueCondition Held => ClaimRules.HeldBy(Moderator, Now);
}

/// <summary>
/// Review's storage port: the queue, its leased claims, and the decisions waiting to be published.
/// The queue's order is <see cref="ReviewQueueOrder"/>; who may claim what, <see cref="ClaimRules"/>.
/// </summary>
public interface IReviewQueue : IPendingEventSource
{
    /// <summary>
    /// Changes the items of these submissions, in the order given, creating each first when it does not
    /// exist yet; a change returns false to leave an existing item as it is. A submission named twice
    /// gets both changes, the second seeing the first. Returns each change's item as it is afterwards,
    /// in the order given. SQLite makes it one write transaction; MongoDB changes each item atomically
    /// and may run a change again on a fresher copy of its item.
    /// </summary>
    Task<IReadOnlyList<ReviewItem>> UpsertManyBySubmissionAsync(IReadOnlyList<SubmissionChange> changes, DateTimeOffset now, CancellationToken cancellationToken);

    Task<ReviewItem?> GetAsync(Guid itemId, CancellationToken cancellationToken);

    Task<ReviewItem?> GetBySubmissionAsync(Guid submissionId, CancellationToken cancellationToken);

    /// <summary>The item of a comment, found by the comment's id (how a reply names the comment it answers).</summary>
    Task<ReviewItem?> GetByCommentAsync(Guid commentId, CancellationToken cancellationToken);

    /// <summary>
    /// Changes an item atomically; <paramref name="change"/> returns false to leave it as it is.
    /// Returns the item as it is afterwards, or null when there is no such item.
    /// </summary>
    Task<ReviewItem?> UpdateAsync(Guid itemId, Func<ReviewItem, bool> change, CancellationToken cancellationToken);

    /// <summary>
    /// Leases up to <see cref="ClaimSpec.Count"/> items that are <see cref="ClaimSpec.Claimable"/>, in
    /// queue order, to one moderator, never taking them past <see cref="ClaimRules.MaxHeld"/> live
    /// leases; no item is ever leased to two.
    /// </summary>
    Task<IReadOnlyList<ReviewItem>> ClaimAsync(ClaimSpec claim, CancellationToken cancellationToken);

    Task<ReviewPage> ListAsync(ReviewQuery query, CancellationToken cancellationToken);
}

/// <summary>How the outbox names one stored event (a decision or an appeal).</summary>
public static class DecisionKey
{
    public static string Of(Guid itemId, Guid eventId) => $"{itemId}/{eventId}";

    public static (Guid ItemId, Guid EventId) Parse(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        var parts = key.Split('/');
        return (Guid.Parse(parts[0]), Guid.Parse(parts[1]));
    }
}
