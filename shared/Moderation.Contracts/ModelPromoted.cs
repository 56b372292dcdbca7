namespace Moderation.Contracts;

/// <summary>
/// A training run's site model took over the categories it was no worse at (<see cref="PromotedCategories"/>)
/// from the classifier it was compared with (<see cref="ComparedWith"/>). It concerns no one submission;
/// <see cref="Version"/> names the run and its model. <see cref="PromotedBy"/> is the authenticated
/// principal that started the run.
/// </summary>
public sealed record ModelPromoted(
    string Version,
    IReadOnlyList<string> PromotedCategories,
    string ComparedWith,
    string PromotedBy,
    DateTimeOffset OccurredAt);
