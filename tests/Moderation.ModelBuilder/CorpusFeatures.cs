using Moderation.Classification.Domain;
using Moderation.Classification.Embeddings;
using Moderation.Classification.Learning;
using Moderation.Classification.Policy;
using Moderation.Corpora;

namespace Moderation.ModelBuilder;

/// <summary>
/// The default model's features of a corpus text, for training: as <see cref="ModelFeatures"/>
/// gives them at run time, with the mean of the text's window embeddings (L2-normalised) standing
/// for its windows. Corpus texts are comments, and nearly all fit one window.
/// </summary>
public static class CorpusFeatures
{
    public static float[] Of(CompiledPolicy policy, CorpusText text, float[][] windows)
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
