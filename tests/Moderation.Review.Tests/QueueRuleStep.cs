using Moderation.Review.Domain;

namespace Moderation.Review.Tests;

/// <summary>What a case of <see cref="QueueRuleCases"/> does to its items at <see cref="At"/> (an offset from <see cref="ReviewSamples.Now"/>), and what must come of it.</summary>
public abstract record QueueRuleStep(TimeSpan At)
{
    /// <summary>The pending items are listed, and a senior moderator claiming all of them takes them, in the <see cref="Expected"/> order.</summary>
    public sealed record Served(IReadOnlyList<string> Expected, TimeSpan At = default) : QueueRuleStep(At);

    /// <summary>A moderator claims up to <see cref="Count"/> items, allowed <see cref="MaxHeld"/> live leases, and gets the <see cref="Expected"/> ones, in order.</summary>
    public sealed record Claimed(string Moderator, IReadOnlyList<string> Expected, int Count = 10, int MaxHeld = 10, bool IsSenior = false, TimeSpan At = default)
        : QueueRuleStep(At);

    /// <summary>The queue lists the <see cref="Expected"/> items, in order, as being in <see cref="State"/>.</summary>
    public sealed record Listed(ReviewItemState State, IReadOnlyList<string> Expected, TimeSpan At = default) : QueueRuleStep(At);

    /// <summary>
    /// A moderator decides <see cref="Item"/>, which must come to <see cref="Expected"/>; refused as
    /// claimed by another, the item still names its holder.
    /// </summary>
    public sealed record Decided(string Moderator, string Item, ReviewRefusal Expected, bool IsSenior = false, TimeSpan At = default) : QueueRuleStep(At);
}
