namespace Moderation.Review.Domain;

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
