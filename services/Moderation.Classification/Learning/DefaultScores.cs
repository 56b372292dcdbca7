using Moderation.Classification.Domain;
using Moderation.Classification.Embeddings;
using Moderation.Contracts;

namespace Moderation.Classification.Learning;

/// <summary>
/// The default model's reading of a whole text: per category the highest margin and calibrated
/// probability over its windows (so a long text scores as its worst passage, never more for being
/// long), and the mean of its window embeddings, which the site's layer reads.
/// </summary>
public sealed record DefaultScores(double[] Margins, double[] Probabilities, float[] MeanEmbedding)
{
    /// <summary>The reading of a text from its window embeddings, its evidence, its kind and its folded text (for the heads' n-grams).</summary>
    public static DefaultScores Read(DefaultModel model, float[][] windows, Evidence evidence, ContentKind kind, string folded)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(windows);
        ArgumentNullException.ThrowIfNull(evidence);
        var categories = Categories.All.Count;
        var margins = new double[categories];
        var probabilities = new double[categories];
        Array.Fill(margins, double.NegativeInfinity);
        Array.Fill(probabilities, double.NegativeInfinity);
        var mean = new float[SentenceEncoder.Dimension];
        var framings = evidence.FramingNames();
        var features = new float[ModelFeatures.Dimension];
        Span<double> windowMargins = stackalloc double[categories];
        Span<double> windowProbabilities = stackalloc double[categories];
        var ngramMargins = windows.Length == 0 ? new double[categories] : model.NgramMargins(kind, folded);
        foreach (var window in windows)
        {
            ModelFeatures.Fill(window, evidence.Strongest, framings, kind, features);
            model.Score(features, ngramMargins, windowMargins, windowProbabilities);
            for (var c = 0; c < categories; c++)
            {
                // Math.Max keeps a NaN (no head), so such a category stays NaN.
                margins[c] = Math.Max(margins[c], windowMargins[c]);
                probabilities[c] = Math.Max(probabilities[c], windowProbabilities[c]);
            }

            for (var d = 0; d < mean.Length; d++)
            {
                mean[d] += window[d] / windows.Length;
            }
        }

        for (var c = 0; c < categories; c++)
        {
            if (windows.Length == 0 || double.IsNegativeInfinity(margins[c]) || !model.Scores(c))
            {
                margins[c] = double.NaN;
                probabilities[c] = double.NaN;
            }
        }

        return new DefaultScores(margins, probabilities, mean);
    }
}
