namespace Moderation.Review.Tests;

/// <summary>
/// A queued comment as a case of <see cref="QueueRuleCases"/> sets it up, under a name its expectation
/// uses. Moments are offsets from <see cref="ReviewSamples.Now"/>; its SLA runs out 15 minutes after
/// it is classified.
/// </summary>
public sealed record CaseItem(string Name)
{
    /// <summary>The top score, which makes its priority.</summary>
    public double Score { get; init; } = 0.8;

    public TimeSpan CreatedAt { get; init; }

    public TimeSpan ClassifiedAt { get; init; }

    /// <summary>Escalated by another moderator, so at senior tier.</summary>
    public bool Escalated { get; init; }

    /// <summary>Removed by this moderator (at senior tier when <see cref="Escalated"/>), then appealed at <see cref="ReviewSamples.Now"/>.</summary>
    public string? RemovedBy { get; init; }

    /// <summary>Leased to this moderator until <see cref="LeaseEndsAt"/>.</summary>
    public string? HeldBy { get; init; }

    public TimeSpan LeaseEndsAt { get; init; }
}
