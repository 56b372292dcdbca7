using Moderation.Classification.Domain;
using Moderation.Classification.Embeddings;
using Moderation.Classification.Learning;
using Moderation.Classification.Policy;
using Microsoft.ML.Data;
using Moderation.Corpora;

namespace Moderation.ModelBuilder;

/// <summary>
/// The default model's features of a corpus text, for training: as <see cref="ModelFeatures"/>
/// gives them at run time, with the mean of the text's window embeddings (L2-normalised) standing
/// for its windows (corpus texts are comments, and nearly all fit one window), followed by the
/// text's hashed n-grams weighted by <paramref name="idf"/>, as <see cref="DefaultModel.NgramMargins"/> reads them.
/// </summary>
public static class CorpusFeatures
{
    public static int Dimension => ModelFeatures.Dimension + HashedNgrams.Dimension;

    public static VBuffer<float> Of(CompiledPolicy policy, CorpusText text, float[][] windows, float[] idf)
    {
        ArgumentNullException.ThrowIfNull(text);
        var dense = Dense(policy, text, windows);
        var (indices, values) = HashedNgrams.Featurize(text.Kind, EvasionFolding.Fold(ContentClassifier.ModelText(policy, text.Text)).Text, idf);
        return new VBuffer<float>(Dimension, dense.Length + indices.Length,
            [.. dense, .. values], [.. Enumerable.Range(0, dense.Length), .. indices.Select(i => ModelFeatures.Dimension + i)]);
    }

    private static float[] Dense(CompiledPolicy policy, CorpusText text, float[][] windows)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(windows);
        var evidence = ContentClassifier.FindEvidence(policy, new ClassificationInput(text.Kind, null, [new ContentField("body", text.Text)]));
        var mean = new float[SentenceEncoder.Dimension];
        foreach (var window in windows)
        {
            for (var d = 0; d < mean.Length; d++)
            {
                mean[d] += window[d];
            }
        }

        var norm = Math.Sqrt(mean.Sum(v => (double)v * v));
        for (var d = 0; d < mean.Length; d++)
        {
            mean[d] = norm == 0 ? 0 : (float)(mean[d] / norm);
        }

        var features = new float[ModelFeatures.Dimension];
        ModelFeatures.Fill(mean, evidence.Strongest, evidence.FramingNames(), text.Kind, features);
        return features;
    }
}
