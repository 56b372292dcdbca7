namespace Moderation.Client;

/// <summary>
/// What a bulk decision did: every item's result, in the order asked, and the items it left alone
/// (<see cref="Skipped"/>): a bulk decision takes only items the caller holds or nobody holds.
/// </summary>
public sealed record BulkDecisionResult(int Decided, int Refused, IReadOnlyList<BulkDecisionItemResult> Results)
{
    public IReadOnlyList<BulkDecisionSkip> Skipped { get; init; } = [];
}
