namespace Moderation.Classification.Learning;

/// <summary>
/// A version of the site's learned layer, as a training run made it. <see cref="MacroAuprc"/> is its
/// mean AUPRC over the categories with positives in the held-out part; <see cref="BaselineMacroAuprc"/>
/// is what the classifier in force (<see cref="ComparedWith"/>) scored on the same part. Promotion is
/// decided per category (<see cref="PromotedCategories"/>), and the version is promoted when any category was.
/// </summary>
public sealed record SiteModelVersion(
    string Version,
    DateTimeOffset CreatedAt,
    bool Promoted,
    int TrainingExamples,
    int HeldOutExamples,
    double MacroAuprc,
    double BaselineMacroAuprc,
    string ComparedWith,
    IReadOnlyDictionary<string, CategoryEvaluation> Categories,
    IReadOnlyList<string>? PromotedCategories = null);
