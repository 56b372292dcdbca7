namespace Moderation.Client;

public sealed record ClaimResult(IReadOnlyList<ReviewItemView> Items);
