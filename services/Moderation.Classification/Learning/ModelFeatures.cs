using Moderation.Classification.Embeddings;
using Moderation.Contracts;

namespace Moderation.Classification.Learning;

/// <summary>
/// The dense features the default model's heads read for one window of a text: its embedding,
/// the strongest rule evidence per category (unscaled by framings but a quotation's), which framings the text
/// shows, and whether it is an article. Framings enter here as features the heads weigh, not as
/// fixed multipliers.
/// </summary>
public static class ModelFeatures
{
    /// <summary>The framings the default model knows by name; an operator's other framings still scale rule floors.</summary>
    public static IReadOnlyList<string> FramingNames { get; } =
        ["news_article", "reporting", "quotation", "fiction", "recovery_or_medical", "addressed", "first_person_intent"];

    public static int RulesOffset => SentenceEncoder.Dimension;

    public static int FramingsOffset => RulesOffset + Categories.All.Count;

    public static int KindOffset => FramingsOffset + FramingNames.Count;

    public static int Dimension => KindOffset + 1;

    /// <summary>Writes the features of one window into <paramref name="features"/> (length <see cref="Dimension"/>).</summary>
    public static void Fill(ReadOnlySpan<float> embedding, ReadOnlySpan<double> strongestRules, IReadOnlySet<string> framings, ContentKind kind, Span<float> features)
    {
        embedding.CopyTo(features);
        for (var c = 0; c < Categories.All.Count; c++)
        {
            features[RulesOffset + c] = (float)strongestRules[c];
        }

        for (var f = 0; f < FramingNames.Count; f++)
        {
            features[FramingsOffset + f] = framings.Contains(FramingNames[f]) ? 1 : 0;
        }

        features[KindOffset] = kind == ContentKind.Article ? 1 : 0;
    }
}
