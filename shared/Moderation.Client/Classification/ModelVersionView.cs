namespace Moderation.Client;

/// <summary>
/// A trained model version. <see cref="MacroAuprc"/> is its mean AUPRC over the categories with
/// positives in the held-out part; <see cref="BaselineMacroAuprc"/> is what the classifier in force
/// (<see cref="ComparedWith"/>) scored on the same part. Promotion is decided per category
/// (<see cref="PromotedCategories"/>): a category whose candidate is worse keeps the head in force,
/// and the version is promoted when any category was.
/// </summary>
public sealed record ModelVersionView(
    string Version,
    DateTimeOffset CreatedAt,
    bool Promoted,
    int TrainingExamples,
    int HeldOutExamples,
    double MacroAuprc,
    double BaselineMacroAuprc,
    string ComparedWith,
    IReadOnlyDictionary<string, CategoryMetrics> Categories,
    IReadOnlyList<string>? PromotedCategories = null);
