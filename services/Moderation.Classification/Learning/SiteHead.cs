namespace Moderation.Classification.Learning;

/// <summary>
/// One category of a site's layer: a logistic regression over <see cref="SiteFeatures"/> (n-gram
/// weights kept dense in memory, sparse on disk), the regularisation cross-validation chose, and
/// the decision point chosen on out-of-fold scores (best F1, or the policy's precision target).
/// </summary>
/// <remarks>
/// A head keeps the inverse document frequencies of the run that trained it: a layer can hold
/// heads of several runs when a later run promoted only some categories.
/// </remarks>
public sealed record SiteHead(string Category, int Positives, double L2, double Threshold, float Bias, float[] Dense, int[] NgramIndices, float[] NgramWeights, float[] Idf);
