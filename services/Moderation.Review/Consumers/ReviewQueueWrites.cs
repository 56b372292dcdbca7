using Moderation.Review.Domain;
using Moderation.Review.Storage;
using Moderation.Storage;

namespace Moderation.Review.Consumers;

/// <summary>
/// The consumers' writes to the review queue, grouped (<see cref="WriteGroups{TItem, TResult}"/>):
/// the changes of concurrent messages, snapshots and verdicts alike, go to the store together in
/// one <see cref="IReviewQueue.UpsertManyBySubmissionAsync"/>, in the order they arrived, because
/// a store transaction per message cannot keep up with the rate submissions arrive at.
/// </summary>
public sealed class ReviewQueueWrites(IReviewQueue queue, TimeProvider clock)
{
    private readonly WriteGroups<ReviewItemChange, ReviewItem> _upserts =
        new((changes, cancellationToken) => queue.UpsertManyBySubmissionAsync(changes, clock.GetUtcNow(), cancellationToken));

    /// <summary>As <see cref="IReviewQueue.UpsertManyBySubmissionAsync"/>, with the time of the write as the creation time of new items.</summary>
    public Task<IReadOnlyList<ReviewItem>> UpsertManyBySubmissionAsync(IReadOnlyList<ReviewItemChange> changes, CancellationToken cancellationToken) =>
        _upserts.WriteAsync(changes, cancellationToken);
}
