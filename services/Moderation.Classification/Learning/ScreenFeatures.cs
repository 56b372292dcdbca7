using System.Text;
using Moderation.Classification.Domain;
using Moderation.Classification.Embeddings;
using Moderation.Contracts;

namespace Moderation.Classification.Learning;

/// <summary>
/// What the cascade's screens read of a text, none of it from the encoder: the hashed n-grams of
/// the folded text, then the <see cref="ModelFeatures"/> the heads read with the mean of its word
/// pieces' input vectors (<see cref="WordPieceVectors"/>) in place of the embedding. The mean
/// carries meaning the n-grams of one corpus cannot (a word the training texts never used still
/// sits near its synonyms); the rule evidence and framings are what the heads weigh beside it.
/// Both read only <see cref="KnownWords"/>. Sparse indices in ascending order, the dense part last.
/// </summary>
public static class ScreenFeatures
{
    public static int Dimension => HashedNgrams.Dimension + ModelFeatures.Dimension;

    public static (int[] Indices, float[] Values) Of(ContentKind kind, string folded, KnownWords known, SentenceEncoder encoder, Evidence evidence)
    {
        ArgumentNullException.ThrowIfNull(folded);
        ArgumentNullException.ThrowIfNull(known);
        ArgumentNullException.ThrowIfNull(encoder);
        ArgumentNullException.ThrowIfNull(evidence);
        var (ngramIndices, ngramValues) = HashedNgrams.Featurize(kind, folded, known: known);
        var dense = new float[ModelFeatures.Dimension];
        ModelFeatures.Fill(encoder.WordPieceMean(KnownText(folded, known)), evidence.Strongest, evidence.FramingNames(), kind, dense);
        var indices = new int[ngramIndices.Length + dense.Length];
        var values = new float[indices.Length];
        ngramIndices.CopyTo(indices, 0);
        ngramValues.CopyTo(values, 0);
        for (var d = 0; d < dense.Length; d++)
        {
            indices[ngramIndices.Length + d] = HashedNgrams.Dimension + d;
            values[ngramIndices.Length + d] = dense[d];
        }

        return (indices, values);
    }

    /// <summary>The folded text's known words, one space between them.</summary>
    private static string KnownText(string folded, KnownWords known)
    {
        var text = new StringBuilder(folded.Length);
        foreach (var token in RuleMatcher.Tokenize(folded))
        {
            var word = folded.AsSpan(token.Start, token.End - token.Start);
            if (known.Contains(word))
            {
                text.Append(text.Length == 0 ? "" : " ").Append(word);
            }
        }

        return text.ToString();
    }
}
