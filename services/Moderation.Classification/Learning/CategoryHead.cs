namespace Moderation.Classification.Learning;

/// <summary>
/// One category's head: a logistic regression over <see cref="ModelFeatures"/> (<see cref="Weights"/>,
/// read per window) and the text's hashed n-grams weighted by the model's inverse document
/// frequencies (read once per text), and its Platt calibration on held-out texts. The n-gram
/// weights are stored as 8-bit integers (<see cref="NgramWeights"/>, base64, one per bucket) times
/// <see cref="NgramScale"/>: 128 KB a head instead of 512, and the calibration was fitted on them as stored.
/// </summary>
public sealed record CategoryHead(string Category, float[] Weights, double Bias, double PlattScale, double PlattOffset, int Positives,
    string? NgramWeights = null, double NgramScale = 0)
{
    /// <summary>Weights in the stored 8-bit form: each the nearest of 255 steps of the largest magnitude.</summary>
    public static (string Weights, double Scale) QuantizeNgrams(float[] weights)
    {
        ArgumentNullException.ThrowIfNull(weights);
        var largest = weights.Length == 0 ? 0 : weights.Max(Math.Abs);
        var scale = largest == 0 ? 1 : largest / 127.0;
        var bytes = weights.Select(w => (byte)(sbyte)Math.Clamp((int)Math.Round(w / scale), -127, 127)).ToArray();
        return (Convert.ToBase64String(bytes), scale);
    }

    /// <summary>The stored n-gram weights, each to be multiplied by <see cref="NgramScale"/>; null when the head reads no n-grams.</summary>
    // The runtime reads a byte[] as an sbyte[] without a copy: both are arrays of one-byte integers.
    public sbyte[]? NgramSteps() => NgramWeights is null ? null : (sbyte[])(Array)Convert.FromBase64String(NgramWeights);

    /// <summary>The n-gram weights as the head uses them, or null when it reads no n-grams.</summary>
    public float[]? NgramValues() => NgramSteps()?.Select(step => (float)(step * NgramScale)).ToArray();
}
