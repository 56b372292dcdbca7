namespace Moderation.Review.Domain;

/// <summary>Where an item stands in the queue. A claimed item whose lease ran out is claimable again, as if pending.</summary>
public enum ReviewItemState
{
    Pending,
    Claimed,
    Decided,
}
