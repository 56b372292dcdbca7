using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Transforms.Text;
using Moderation.Classification.Domain;
using Moderation.Classification.Embeddings;
using Moderation.Classification.Learning;
using Moderation.Classification.Policy;
using Moderation.Classification.Storage;
using Moderation.Contracts;
using Moderation.Corpora;
using Moderation.ModelBuilder;

namespace Moderation.Evaluation;

/// <summary>
/// A public set standing in for a site's moderators: its train and calibration splits are what the
/// site labelled, its test split what it will see. Compared: the default model alone; the site
/// layer trained as <c>POST /api/v1/training/runs</c> trains it; and a plain TF-IDF logistic
/// regression (word 1–2-grams, balanced classes, penalty and threshold by 3-fold cross-validation).
/// </summary>
public static class SiteLearning
{
    private sealed class TextRow
    {
        public string Text { get; set; } = "";
    }

    public static void Report(CompiledPolicy policy, DefaultModel model, EmbeddingCache cache, SentenceEncoder encoder, IReadOnlyList<CorpusText> texts, string source, string category)
    {
        var labelled = texts.Where(t => t.Labels.ContainsKey(category)).ToList();
        var train = labelled.Where(t => t.Split != CorpusSplit.Test).ToList();
        var test = labelled.Where(t => t.Split == CorpusSplit.Test).ToList();
        cache.EnsureEncoded(encoder, train.Select(t => t.Text));
        var truth = test.Select(t => t.Labels[category] == 1).ToArray();
        var review = policy.ThresholdsFor(category, ContentKind.Comment, null).Review;

        var examples = train.Select(t => new TrainingExample(t.Id, t.Kind, t.Text, new Dictionary<string, int> { [category] = t.Labels[category] }, source, DateTimeOffset.UnixEpoch)).ToList();
        var features = examples.Select(e => TrainingRuns.Features(policy, model, e, cache[e.Text])).ToList();
        var idf = SiteTrainer.InverseDocumentFrequencies(features);
        var site = new SiteModel($"site-{source}", model.Version, SiteTrainer.Train(features, idf, policy.Model.SitePrecisionTarget));

        bool[] Flags(SiteModel? layer) => test.Select(t => ContentClassifier.Classify(policy, new ModelReading(model, layer, cache[t.Text]),
            new ClassificationInput(t.Kind, null, [new ContentField("body", t.Text)])).Scores[category] >= review).ToArray();

        Row(source, category, train.Count, test.Count, "default model alone", Flags(null), truth);
        Row(source, category, train.Count, test.Count, "default model + site layer", Flags(site), truth);
        Row(source, category, train.Count, test.Count, "TF-IDF baseline", Baseline(train, test, category), truth);
    }

    /// <summary>Word 1–2-gram TF-IDF (ML.NET's text transforms), a balanced logistic regression, penalty and threshold by cross-validation.</summary>
    private static bool[] Baseline(List<CorpusText> train, List<CorpusText> test, string category)
    {
        var ml = new MLContext(seed: 1);
        var trainData = ml.Data.LoadFromEnumerable(train.Select(t => new TextRow { Text = t.Text }));
        var fitted = ml.Transforms.Text.NormalizeText("Normalized", nameof(TextRow.Text), keepDiacritics: false, keepPunctuations: false, keepNumbers: true)
            .Append(ml.Transforms.Text.TokenizeIntoWords("Words", "Normalized"))
            .Append(ml.Transforms.Conversion.MapValueToKey("Keys", "Words"))
            .Append(ml.Transforms.Text.ProduceNgrams("Features", "Keys", ngramLength: 2, useAllLengths: true, maximumNgramsCount: 200_000,
                weighting: NgramExtractingEstimator.WeightingCriteria.TfIdf))
            .Append(ml.Transforms.NormalizeLpNorm("Features"))
            .Fit(trainData);
        VBuffer<float>[] Vectors(IEnumerable<CorpusText> texts) =>
            fitted.Transform(ml.Data.LoadFromEnumerable(texts.Select(t => new TextRow { Text = t.Text }))).GetColumn<VBuffer<float>>("Features")
                .Select(v =>
                {
                    // The column's rows may share buffers: each is copied before the next is read.
                    var copy = default(VBuffer<float>);
                    v.CopyTo(ref copy);
                    return copy;
                }).ToArray();
        var trainVectors = Vectors(train);
        var labels = train.Select(t => t.Labels[category] == 1).ToArray();
        var (penalty, outOfFold) = SiteTrainer.ChoosePenalty(ml, trainVectors, labels);
        var threshold = SiteTrainer.ChooseThreshold(outOfFold, labels, null);
        var (bias, weights) = BalancedLogisticRegression.Fit(ml, trainVectors, labels, Enumerable.Range(0, labels.Length).ToArray(), penalty);
        return Vectors(test).Select(v => SiteModel.Sigmoid(bias + BalancedLogisticRegression.Dot(weights, v)) >= threshold).ToArray();
    }

    private static void Row(string source, string category, int train, int test, string method, bool[] flagged, bool[] truth)
    {
        var (p, r, f1) = Prf(flagged, truth, true);
        var (_, _, negativeF1) = Prf(flagged, truth, false);
        var positives = truth.Count(t => t);
        var weighted = ((f1 * positives) + (negativeF1 * (truth.Length - positives))) / truth.Length;
        Console.WriteLine($"| {source} | {category} | {train} / {test} | {method} | {Tables.F(p)} | {Tables.F(r)} | {Tables.F(f1)} | {Tables.F(weighted)} |");
    }

    private static (double Precision, double Recall, double F1) Prf(bool[] flagged, bool[] truth, bool positive)
    {
        var truePositives = flagged.Where((f, i) => f == positive && truth[i] == positive).Count();
        var predicted = flagged.Count(f => f == positive);
        var actual = truth.Count(t => t == positive);
        var p = predicted == 0 ? 0 : truePositives / (double)predicted;
        var r = actual == 0 ? 0 : truePositives / (double)actual;
        return (p, r, p + r == 0 ? 0 : 2 * p * r / (p + r));
    }
}
