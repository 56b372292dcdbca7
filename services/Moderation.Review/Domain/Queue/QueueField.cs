namespace Moderation.Review.Domain.Queue;

/// <summary>The fields of a review item that the queue's conditions and order read; each adapter names its column or field for each.</summary>
public enum QueueField
{
    Queued,
    State,
    Escalated,
    ClaimedBy,
    LeaseUntil,
    ExcludedModerators,
    TopCategory,
    Priority,
    DueAt,
    CreatedAt,
}
