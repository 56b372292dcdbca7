using Moderation.Messaging;
using Moderation.Review.Domain;
using Moderation.Review.Domain.Queue;

namespace Moderation.Review.Storage;

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
    Task<IReadOnlyList<ReviewItem>> UpsertManyBySubmissionAsync(IReadOnlyList<ReviewItemChange> changes, DateTimeOffset now, CancellationToken cancellationToken);

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

    Task<ReviewQueuePage> ListAsync(ReviewQuery query, CancellationToken cancellationToken);
}
