using Moderation.Classification.Embeddings;
using Moderation.Contracts;

namespace Moderation.Classification.Learning;

/// <summary>
/// What the site's layer reads of a text: the hashed n-grams (sublinear TF × IDF, L2-normalised)
/// in the first <see cref="HashedNgrams.Dimension"/> slots, then a dense part: the default model's
/// margins (a quarter of them, so they need no larger weights than the rest), the mean window
/// embedding, the strongest rule evidence per category, and the kind.
/// </summary>
public static class SiteFeatures
{
    private const double MarginScale = 0.25;

    public static int DenseDimension => Categories.All.Count + SentenceEncoder.Dimension + Categories.All.Count + 1;

    public static int Dimension => HashedNgrams.Dimension + DenseDimension;

    public static float[] Dense(DefaultScores scores, ReadOnlySpan<double> strongestRules, ContentKind kind)
    {
        ArgumentNullException.ThrowIfNull(scores);
        var dense = new float[DenseDimension];
        var categories = Categories.All.Count;
        for (var c = 0; c < categories; c++)
        {
            dense[c] = double.IsNaN(scores.Margins[c]) ? 0 : (float)Math.Clamp(scores.Margins[c] * MarginScale, -8, 8);
        }

        scores.MeanEmbedding.CopyTo(dense.AsSpan(categories));
        for (var c = 0; c < categories; c++)
        {
            dense[categories + SentenceEncoder.Dimension + c] = (float)strongestRules[c];
        }

        dense[^1] = kind == ContentKind.Article ? 1 : 0;
        return dense;
    }

    /// <summary>The n-grams re-weighted by <paramref name="idf"/> and normalised again.</summary>
    public static (int[] Indices, float[] Values) Ngrams(ContentKind kind, string folded, float[] idf) => HashedNgrams.Featurize(kind, folded, idf);
}
