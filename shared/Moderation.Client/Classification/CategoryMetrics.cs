namespace Moderation.Client;

/// <summary>
/// How one category did on the held-out part: counts, precision/recall/F1 at the policy's review
/// threshold, and the area under the precision-recall curve; what the classifier in force reached
/// on the same texts (<see cref="BaselineAuprc"/>, <see cref="BaselineF1"/>); whether this
/// category's candidate was promoted; and the decision point its head chose on out-of-fold scores.
/// </summary>
public sealed record CategoryMetrics(int Positives, int HeldOut, double Precision, double Recall, double F1, double Auprc,
    double? BaselineAuprc = null, double? BaselineF1 = null, bool? Promoted = null, double? Threshold = null);
