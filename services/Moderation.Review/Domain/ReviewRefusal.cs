namespace Moderation.Review.Domain;

/// <summary>Why an action on an item was refused.</summary>
public enum ReviewRefusal
{
    None,
    NotQueued,
    AlreadyDecided,
    ClaimedByOther,
    NeedsSeniorModerator,
    NotClaimedByCaller,
    RemovedByCaller,
    NotRemoved,
    AlreadyAppealed,
}
