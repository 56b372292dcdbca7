using Moderation.Classification.Embeddings;
using Moderation.Contracts;

namespace Moderation.Classification.Learning;

/// <summary>
/// What the cascade's screen reads of a text, none of it from the encoder: the hashed n-grams of
/// the folded text, then the mean of its word pieces' input vectors (<see cref="WordPieceVectors"/>),
/// which carries meaning the n-grams of one corpus cannot (a word the training texts never used
/// still sits near its synonyms). Sparse indices in ascending order, the dense part last.
/// </summary>
public static class ScreenFeatures
{
    public const int Dimension = HashedNgrams.Dimension + SentenceEncoder.Dimension;

    public static (int[] Indices, float[] Values) Of(ContentKind kind, string folded, float[] wordPieceMean)
    {
        ArgumentNullException.ThrowIfNull(wordPieceMean);
        if (wordPieceMean.Length != SentenceEncoder.Dimension)
        {
            throw new ArgumentException($"A word-piece mean has {SentenceEncoder.Dimension} values.", nameof(wordPieceMean));
        }

        var (ngramIndices, ngramValues) = HashedNgrams.Featurize(kind, folded);
        var indices = new int[ngramIndices.Length + SentenceEncoder.Dimension];
        var values = new float[indices.Length];
        ngramIndices.CopyTo(indices, 0);
        ngramValues.CopyTo(values, 0);
        for (var d = 0; d < SentenceEncoder.Dimension; d++)
        {
            indices[ngramIndices.Length + d] = HashedNgrams.Dimension + d;
            values[ngramIndices.Length + d] = wordPieceMean[d];
        }

        return (indices, values);
    }
}
