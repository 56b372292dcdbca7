namespace Moderation.Client;

public enum BatchLineStatus
{
    Accepted,
    Duplicate,
    Rejected,
}
