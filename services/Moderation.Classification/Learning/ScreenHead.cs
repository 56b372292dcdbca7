using Moderation.Contracts;

namespace Moderation.Classification.Learning;

/// <summary>
/// One of the cascade's screens: a linear model over <see cref="ScreenFeatures"/> (weights as
/// base64 of little-endian floats, one per n-gram bucket, then one per dense feature) whose score,
/// the logistic of its margin, says whether reading a text with the encoder may change its
/// verdict (Model/DATA-CARD.md says how each was fitted); below <see cref="Threshold"/>,
/// chosen to pass nearly every such text of the calibration split, the text is settled without
/// the encoder. <see cref="ReviewThresholds"/> and <see cref="BlockThresholds"/> are the policy's
/// thresholds per kind and category it was distilled at. A screen with a <see cref="Family"/> is
/// about that family of categories alone (self-harm, say): how far its most flagged category stands
/// from its review threshold.
/// </summary>
public sealed record ScreenHead(double Bias, string Weights, double Threshold, double CalibrationRecall, double CalibrationSettled, double CalibrationHarmfulRecall = 0,
    IReadOnlyDictionary<string, double>? ReviewThresholds = null, IReadOnlyDictionary<string, double>? BlockThresholds = null, string? Family = null)
{
    /// <summary>The key of <see cref="ReviewThresholds"/> and <see cref="BlockThresholds"/>: a kind and a category.</summary>
    public static string ThresholdKey(ContentKind kind, string category) => $"{kind.ToString().ToLowerInvariant()}/{category}";
}
