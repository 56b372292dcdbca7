using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.ML;
using Microsoft.ML.Data;
using Moderation.Classification.Domain;
using Moderation.Classification.Embeddings;
using Moderation.Classification.Learning;
using Moderation.Classification.Policy;
using Moderation.Contracts;
using Moderation.Corpora;

namespace Moderation.ModelBuilder;

/// <summary>How one category's head was trained and how it did on the calibration split.</summary>
public sealed record HeadReport(string Category, int TrainPositives, int TrainCount, int CalibrationPositives, int CalibrationCount, double Penalty, double CalibrationAuprc);

/// <summary>
/// Trains the default model's heads: per category, the texts labelled for it (train split; see
/// <see cref="Label"/>), a <see cref="BalancedLogisticRegression"/> for each penalty of a grid, the one with the
/// best AUPRC on the calibration split kept, then Platt-calibrated on that split so that its score
/// is a probability. Test splits are never read. Deterministic: same corpora, same model.
/// </summary>
public static class DefaultModelBuild
{
    private const int MinimumPositives = 20;
    private static readonly double[] PenaltyGrid = [1e-4, 1e-3, 1e-2];

    public static (DefaultModelFile Model, List<HeadReport> Reports) Train(IReadOnlyList<CorpusText> texts, EmbeddingCache cache, SentenceEncoder encoder)
    {
        ArgumentNullException.ThrowIfNull(texts);
        ArgumentNullException.ThrowIfNull(cache);
        var policy = CompiledPolicy.LoadDefault();
        var learning = texts.Where(t => t.Split != CorpusSplit.Test).ToList();
        var features = learning.Select(t => new VBuffer<float>(ModelFeatures.Dimension, CorpusFeatures.Of(policy, t, cache[t.Text]))).ToArray();
        var ml = new MLContext(seed: 1);
        var heads = new List<CategoryHead>();
        var reports = new List<HeadReport>();
        foreach (var category in Categories.All)
        {
            var known = learning.Select(t => Label(t, category)).ToArray();
            var train = Enumerable.Range(0, learning.Count).Where(i => learning[i].Split == CorpusSplit.Train && known[i] is not null).ToArray();
            var calibration = Enumerable.Range(0, learning.Count).Where(i => learning[i].Split == CorpusSplit.Calibration && known[i] is not null).ToArray();
            var labels = known.Select(k => k == true).ToArray();
            var (trainPositives, calibrationPositives) = (train.Count(i => labels[i]), calibration.Count(i => labels[i]));
            if (trainPositives < MinimumPositives || calibrationPositives < 5 || train.Length - trainPositives < MinimumPositives)
            {
                Console.WriteLine($"{category}: no head ({trainPositives} positives to train, {calibrationPositives} to calibrate): its rules score it");
                continue;
            }

            var rowWeights = SourceBalance(learning, labels, train);
            var best = (Penalty: 0.0, Bias: 0f, Weights: Array.Empty<float>(), Auprc: -1.0);
            foreach (var penalty in PenaltyGrid)
            {
                var (bias, weights) = BalancedLogisticRegression.Fit(ml, features, labels, train, penalty, rowWeights);
                var auprc = QualityMetrics.Measure(calibration.Select(i => (bias + BalancedLogisticRegression.Dot(weights, features[i]), labels[i])).ToList(), 0).Auprc;
                if (auprc > best.Auprc)
                {
                    best = (penalty, bias, weights, auprc);
                }
            }

            var margins = calibration.Select(i => best.Bias + BalancedLogisticRegression.Dot(best.Weights, features[i])).ToList();
            var (scale, offset) = BalancedLogisticRegression.Platt(ml, margins, calibration.Select(i => labels[i]).ToList());
            heads.Add(new CategoryHead(category, best.Weights, best.Bias, scale, offset, trainPositives));
            reports.Add(new HeadReport(category, trainPositives, train.Length, calibrationPositives, calibration.Length, best.Penalty, best.Auprc));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{category}: {trainPositives}/{train.Length} train, {calibrationPositives}/{calibration.Length} calibration, L2 {best.Penalty:g}, calibration AUPRC {best.Auprc:0.000}"));
        }

        var heard = new HashSet<CorpusText>(learning.Where((t, i) => FlaggedByHeads(policy, heads, t.Kind, features[i].GetValues())), ReferenceEqualityComparer.Instance);
        var screen = TrainScreen(ml, policy, learning, heard, encoder);
        var version = $"default-{Hash(heads, screen)}";
        return (new DefaultModelFile(version, encoder.Version, ModelFeatures.Dimension, heads, screen), reports);
    }

    /// <summary>Share of the texts the heads flag (on the calibration split) that the cascade must still send to the encoder, or that rules catch.</summary>
    private const double ScreenRecall = 0.98;

    /// <summary>Whether the heads alone put a text at review or above in any category, at the default policy's thresholds.</summary>
    private static bool FlaggedByHeads(CompiledPolicy policy, List<CategoryHead> heads, ContentKind kind, ReadOnlySpan<float> features)
    {
        foreach (var head in heads)
        {
            var margin = head.Bias;
            for (var i = 0; i < features.Length; i++)
            {
                margin += head.Weights[i] * features[i];
            }

            if (DefaultModel.Calibrate(head, margin) >= policy.ThresholdsFor(head.Category, kind, null).Review)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// The cascade's screen, distilled from the heads: a balanced logistic regression over
    /// <see cref="ScreenFeatures"/> (the hashed n-grams and the mean of the word pieces' input
    /// vectors) that predicts whether the heads would flag a text, since that, not the label, is
    /// what reading it with the encoder can change. Its threshold is the highest at which, on the
    /// calibration split, <see cref="ScreenRecall"/> of the texts the heads flag either have rule
    /// evidence or score at or above it. Trained on the labels instead, it had to pass the harmful
    /// texts the heads miss as well, and settled under half of everyday comments.
    /// </summary>
    private static ScreenHead TrainScreen(MLContext ml, CompiledPolicy policy, List<CorpusText> learning, HashSet<CorpusText> flagged, SentenceEncoder encoder)
    {
        var labelled = learning.Where(t => t.Labels.Count > 0).ToList();
        var random = new Random(1);
        // Every training text once more with a token of random letters and digits after it (a user
        // name, a code, a typo), so the screen learns that such a token says nothing: without it,
        // one odd token moved a third of everyday comments over the threshold.
        var noisy = labelled.Where(t => t.Split == CorpusSplit.Train)
            .Select(t => (Original: t, Text: $"{t.Text} {RandomToken(random)}")).ToList();
        var features = labelled.Select(t => (t.Kind, t.Text)).Concat(noisy.Select(n => (n.Original.Kind, n.Text))).Select(t =>
        {
            var (indices, values) = ScreenFeatures.Of(t.Kind, EvasionFolding.Fold(t.Text).Text, encoder.WordPieceMean(t.Text));
            return new VBuffer<float>(ScreenFeatures.Dimension, indices.Length, values, indices);
        }).ToArray();
        var labels = labelled.Select(t => t.Labels.Values.Any(v => v == 1)).ToArray();
        var targets = labelled.Select(flagged.Contains).Concat(noisy.Select(n => flagged.Contains(n.Original))).ToArray();
        var train = Enumerable.Range(0, labelled.Count).Where(i => labelled[i].Split == CorpusSplit.Train).Concat(Enumerable.Range(labelled.Count, noisy.Count)).ToArray();
        var calibration = Enumerable.Range(0, labelled.Count).Where(i => labelled[i].Split == CorpusSplit.Calibration).ToArray();
        var (bias, weights) = BalancedLogisticRegression.Fit(ml, features, targets, train, 1e-4, SourceBalance([.. labelled, .. noisy.Select(n => n.Original)], targets, train));
        var scored = calibration.Select(i => (Score: 1 / (1 + Math.Exp(-(bias + BalancedLogisticRegression.Dot(weights, features[i])))), Harmful: labels[i], Flagged: targets[i],
            Ruled: ContentClassifier.FindEvidence(policy, new ClassificationInput(labelled[i].Kind, null, [new ContentField("body", labelled[i].Text)])).Strongest.Any(w => w > 0)))
            .ToList();
        var flaggedScores = scored.Where(s => s.Flagged && !s.Ruled).Select(s => s.Score).Order().ToList();
        var allowedMisses = (int)Math.Floor((1 - ScreenRecall) * scored.Count(s => s.Flagged));
        var threshold = flaggedScores.Count == 0 ? 0 : flaggedScores[Math.Min(allowedMisses, flaggedScores.Count - 1)];
        var recall = scored.Count(s => s.Flagged && (s.Ruled || s.Score >= threshold)) / (double)Math.Max(1, scored.Count(s => s.Flagged));
        var harmfulRecall = scored.Count(s => s.Harmful && (s.Ruled || s.Score >= threshold)) / (double)Math.Max(1, scored.Count(s => s.Harmful));
        var settled = scored.Count(s => !s.Ruled && s.Score < threshold) / (double)scored.Count;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"screen: threshold {threshold:0.0000}; on the calibration split {recall:P1} of the texts the heads flag and {harmfulRecall:P1} of the labelled-harmful texts reach the encoder or the rules, {settled:P1} of all texts are settled without the encoder"));
        var reviewThresholds = new SortedDictionary<string, double>(StringComparer.Ordinal);
        foreach (var kind in new[] { ContentKind.Comment, ContentKind.Article })
        {
            foreach (var category in Categories.All)
            {
                reviewThresholds[ScreenHead.ThresholdKey(kind, category)] = policy.ThresholdsFor(category, kind, null).Review;
            }
        }

        return new ScreenHead(bias, DefaultModel.EncodeWeights(weights), threshold, Math.Round(recall, 4), Math.Round(settled, 4), Math.Round(harmfulRecall, 4), reviewThresholds);
    }

    private static string RandomToken(Random random)
    {
        const string Characters = "abcdefghijklmnopqrstuvwxyz0123456789";
        return string.Concat(Enumerable.Range(0, random.Next(5, 13)).Select(_ => Characters[random.Next(Characters.Length)]));
    }

    /// <summary>
    /// A text's label for a category: the source's own; else 0 when the source says the parent
    /// category does not apply; else 0 when a source that labels toxicity in general found nothing
    /// in the text (clean Wikipedia talk, inoffensive tweets, non-abusive turns, ham messages): such
    /// background negatives give the categories that only the team's examples teach (self-harm,
    /// illicit, graphic violence) the everyday text they must not fire on. Otherwise unknown.
    /// </summary>
    public static bool? Label(CorpusText text, string category)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Labels.TryGetValue(category, out var label))
        {
            return label == 1;
        }

        if (Categories.ParentOf(category) is { } parent && text.Labels.TryGetValue(parent, out var parentLabel) && parentLabel == 0)
        {
            return false;
        }

        return BackgroundSources.Contains(text.Source) && text.Labels.Count > 0 && text.Labels.Values.All(v => v == 0) ? false : null;
    }

    /// <summary>
    /// Row weights that balance each source's classes on their own, so a head learns what separates
    /// harmful from harmless text within a source, not which source a text comes from (Civil
    /// Comments' toxic spans are nine in ten insults; Wikipedia talk nearly all clean). A source
    /// with fewer than 20 of a class keeps weight 1.
    /// </summary>
    private static float[] SourceBalance(List<CorpusText> texts, bool[] labels, int[] rows)
    {
        var weights = new float[texts.Count];
        foreach (var source in rows.GroupBy(i => texts[i].Source))
        {
            var positives = source.Count(i => labels[i]);
            var negatives = source.Count() - positives;
            foreach (var i in source)
            {
                weights[i] = positives < 20 || negatives < 20 ? 1f : source.Count() / (2f * (labels[i] ? positives : negatives));
            }
        }

        return weights;
    }

    private static readonly HashSet<string> BackgroundSources = new(StringComparer.Ordinal)
    {
        "context_toxicity", "tweeteval_offensive", "convabuse", "sms_spam", "youtube_spam",
    };

    /// <summary>A version named by the weights themselves, so the same build gives the same name.</summary>
    private static string Hash(List<CategoryHead> heads, ScreenHead screen)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(Encoding.UTF8.GetBytes(screen.Weights));
        hash.AppendData(BitConverter.GetBytes(screen.Threshold));
        foreach (var (key, threshold) in screen.ReviewThresholds ?? new Dictionary<string, double>())
        {
            hash.AppendData(Encoding.UTF8.GetBytes(key));
            hash.AppendData(BitConverter.GetBytes(threshold));
        }

        foreach (var head in heads)
        {
            hash.AppendData(Encoding.UTF8.GetBytes(head.Category));
            foreach (var weight in head.Weights)
            {
                hash.AppendData(BitConverter.GetBytes(weight));
            }

            hash.AppendData(BitConverter.GetBytes(head.Bias));
            hash.AppendData(BitConverter.GetBytes(head.PlattScale));
            hash.AppendData(BitConverter.GetBytes(head.PlattOffset));
        }

        return Convert.ToHexString(hash.GetHashAndReset())[..10].ToLowerInvariant();
    }
}
