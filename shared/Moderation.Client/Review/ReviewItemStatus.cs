namespace Moderation.Client;

public enum ReviewItemStatus
{
    Pending,
    Claimed,
    Decided,
}
