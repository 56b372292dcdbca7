namespace Moderation.Client;

/// <summary>What became of one item of a bulk decision: its HTTP-like status, the item when decided, why not otherwise.</summary>
public sealed record BulkDecisionItemResult(Guid ItemId, int Status, ReviewItemView? Item, string? Error);
