using System.Globalization;
using Moderation.Classification.Domain;
using Moderation.Classification.Policy;
using Moderation.Contracts;

namespace Moderation.Evaluation;

/// <summary>A labelled text with the classifier's results in each configuration measured.</summary>
/// <remarks><see cref="Settled"/>: the cascade would settle the text without the encoder, so the service scores it as <see cref="Rules"/> does.</remarks>
public sealed record Scored(string Source, string? Group, IReadOnlyDictionary<string, int> Labels, ClassificationOutcome Rules, ClassificationOutcome Model, bool Settled)
{
    /// <summary>What the service answers with the cascade on.</summary>
    public ClassificationOutcome Service => Settled ? Rules : Model;
}

/// <summary>Markdown tables of the measures: AUPRC, and precision/recall/F1 at the policy's review threshold.</summary>
public static class Tables
{
    /// <summary>The categories the hidden moderation set is ranked by: the highest of these scores is a text's "any" score.</summary>
    public static IReadOnlyList<string> AnyCategories { get; } =
    [
        Categories.Sexual, Categories.SexualMinors, Categories.Hate, Categories.HateThreatening, Categories.Violence,
        Categories.ViolenceGraphic, Categories.Harassment, Categories.SelfHarm,
    ];

    public static string F(double value) => value.ToString("0.000", CultureInfo.InvariantCulture);

    /// <summary>One row per source and category the source labels: rules alone against the default model.</summary>
    public static void PerSource(CompiledPolicy policy, IReadOnlyList<Scored> items)
    {
        ArgumentNullException.ThrowIfNull(policy);
        Console.WriteLine("| source | category | positives / texts | AUPRC rules | AUPRC model | P / R / F1 rules | P / R / F1 model |");
        Console.WriteLine("|---|---|---:|---:|---:|---|---|");
        foreach (var source in items.GroupBy(i => i.Source))
        {
            foreach (var category in Categories.All)
            {
                var labelled = source.Where(i => i.Labels.ContainsKey(category)).ToList();
                var positives = labelled.Count(i => i.Labels[category] == 1);
                if (positives == 0 || positives == labelled.Count)
                {
                    continue;
                }

                var review = policy.ThresholdsFor(category, ContentKind.Comment, null).Review;
                var rules = QualityMetrics.Measure(labelled.Select(i => (i.Rules.Scores[category], i.Labels[category] == 1)).ToList(), review);
                var model = QualityMetrics.Measure(labelled.Select(i => (i.Model.Scores[category], i.Labels[category] == 1)).ToList(), review);
                Console.WriteLine($"| {source.Key} | {category} | {positives} / {labelled.Count} | {F(rules.Auprc)} | {F(model.Auprc)} | {Prf(rules)} | {Prf(model)} |");
            }
        }
    }

    /// <summary>"Any category" AUPRC: a text ranked by its highest score over <see cref="AnyCategories"/>, against "has any of them".</summary>
    public static (double Rules, double Model, double Service) AnyAuprc(IReadOnlyList<Scored> items)
    {
        ArgumentNullException.ThrowIfNull(items);
        var labels = items.Select(i => AnyCategories.Any(c => i.Labels.GetValueOrDefault(c) == 1)).ToList();
        double Measure(Func<Scored, ClassificationOutcome> result) =>
            QualityMetrics.Measure(items.Select((i, n) => (AnyCategories.Max(c => result(i).Scores[c]), labels[n])).ToList(), 0.5).Auprc;
        return (Measure(i => i.Rules), Measure(i => i.Model), Measure(i => i.Service));
    }

    public static string Prf(CategoryQuality quality)
    {
        ArgumentNullException.ThrowIfNull(quality);
        return $"{F(quality.Precision)} / {F(quality.Recall)} / {F(quality.F1)}";
    }
}
