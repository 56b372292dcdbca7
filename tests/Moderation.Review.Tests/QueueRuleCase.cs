namespace Moderation.Review.Tests;

/// <summary>One row of <see cref="QueueRuleCases"/>: items as they stand, one step, and its expectation.</summary>
public sealed record QueueRuleCase(string Name, IReadOnlyList<CaseItem> Items, QueueRuleStep Step)
{
    public override string ToString() => Name;
}
