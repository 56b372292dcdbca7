namespace Moderation.Contracts;

/// <summary>The classifier's results for the submissions of one <see cref="BatchSubmitted"/>, as one message.</summary>
public sealed record BatchClassified(
    Guid BatchId,
    IReadOnlyList<ContentClassified> Results,
    DateTimeOffset OccurredAt);
