namespace Moderation.Classification.Learning;

/// <summary>
/// The cascade's screen: a logistic regression over the hashed n-grams (weights as base64 of
/// little-endian floats, one per bucket) that says whether a text may hold anything harmful; below
/// <see cref="Threshold"/>, chosen to pass nearly every harmful text of the calibration split, a
/// text without rule evidence is settled without the encoder.
/// </summary>
public sealed record ScreenHead(double Bias, string Weights, double Threshold, double CalibrationRecall, double CalibrationSettled);
