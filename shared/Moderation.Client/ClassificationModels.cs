using Moderation.Contracts;

namespace Moderation.Client;

/// <summary>A dry run: the text, its kind, and optionally its source (whose thresholds and framings then apply).</summary>
public sealed record ClassifyRequest(string? Text, ContentKind? Kind, string? Source = null);

public sealed record ClassificationResult(
    Verdict Verdict,
    IReadOnlyDictionary<string, double> Scores,
    IReadOnlyList<ClassificationReason> Reasons,
    string ModelVersion,
    string PolicyVersion);

/// <summary>One line of <c>POST /api/v1/training/examples</c>: a text and its labels (category: 0 or 1).</summary>
public sealed record TrainingExampleRequest(string? Text, IReadOnlyDictionary<string, int>? Labels, ContentKind? Kind = null);

public sealed record TrainingExamplesImported(int Accepted, int Duplicates, int Total);

/// <summary>
/// How one category did on the held-out part: counts, precision/recall/F1 at the policy's review
/// threshold, and the area under the precision-recall curve; what the classifier in force reached
/// on the same texts (<see cref="BaselineAuprc"/>, <see cref="BaselineF1"/>); whether this
/// category's candidate was promoted; and the decision point its head chose on out-of-fold scores.
/// </summary>
public sealed record CategoryMetrics(int Positives, int HeldOut, double Precision, double Recall, double F1, double Auprc,
    double? BaselineAuprc = null, double? BaselineF1 = null, bool? Promoted = null, double? Threshold = null);

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

public sealed record ModelVersionsPage(IReadOnlyList<ModelVersionView> Models, string? Promoted);
