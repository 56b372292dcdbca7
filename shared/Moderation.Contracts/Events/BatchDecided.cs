namespace Moderation.Contracts;

/// <summary>The policy's decisions on the results of one <see cref="BatchClassified"/>, as one message.</summary>
public sealed record BatchDecided(
    Guid BatchId,
    IReadOnlyList<ModerationDecided> Decisions,
    DateTimeOffset OccurredAt);
