using Moderation.Review.Domain;
using Moderation.Review.Domain.Queue;

namespace Moderation.Review.Storage;

/// <summary>A page of the queue: its items in a state, of a top category, as they stand at <see cref="Now"/>.</summary>
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
