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

/// <summary>How one category did on the held-out part: counts, precision/recall/F1 at 0.5, and the area under the precision-recall curve.</summary>
public sealed record CategoryMetrics(int Positives, int HeldOut, double Precision, double Recall, double F1, double Auprc);

/// <summary>
/// A trained model version. <see cref="MacroAuprc"/> is its mean AUPRC over the categories with
/// positives in the held-out part; <see cref="BaselineMacroAuprc"/> is what the classifier in force
/// (<see cref="ComparedWith"/>) scored on the same part. It is promoted only when it is no worse.
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
    IReadOnlyDictionary<string, CategoryMetrics> Categories);

public sealed record ModelVersionsPage(IReadOnlyList<ModelVersionView> Models, string? Promoted);
