using Moderation.Contracts;

namespace Moderation.Classification.Learning;

/// <summary>
/// The cascade's screen: a logistic regression over <see cref="ScreenFeatures"/> (weights as base64
/// of little-endian floats, one per n-gram bucket, then one per word-piece dimension) that says
/// whether a text may hold anything the heads would flag; below <see cref="Threshold"/>, chosen to
/// pass nearly every such text of the calibration split, a text without rule evidence is settled
/// without the encoder.
/// </summary>
public sealed record ScreenHead(double Bias, string Weights, double Threshold, double CalibrationRecall, double CalibrationSettled, double CalibrationHarmfulRecall = 0,
    IReadOnlyDictionary<string, double>? ReviewThresholds = null)
{
    /// <summary>The key of <see cref="ReviewThresholds"/>: the review threshold per kind and category the screen was distilled at.</summary>
    public static string ThresholdKey(ContentKind kind, string category) => $"{kind.ToString().ToLowerInvariant()}/{category}";
}
