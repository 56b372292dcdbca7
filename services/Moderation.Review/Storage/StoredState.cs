using Moderation.Review.Domain;

namespace Moderation.Review.Storage;

/// <summary>How both adapters spell an item's state in their status column or field.</summary>
public static class StoredState
{
    public static string Name(ReviewItemState state) => state switch
    {
        ReviewItemState.Pending => "pending",
        ReviewItemState.Claimed => "claimed",
        ReviewItemState.Decided => "decided",
        _ => throw new ArgumentOutOfRangeException(nameof(state), state, null),
    };

    public static ReviewItemState Parse(string name) => name switch
    {
        "pending" => ReviewItemState.Pending,
        "claimed" => ReviewItemState.Claimed,
        "decided" => ReviewItemState.Decided,
        _ => throw new FormatException($"'{name}' is not a stored review item state."),
    };
}
