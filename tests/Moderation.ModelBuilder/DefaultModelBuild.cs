using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using MathNet.Numerics;
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
        // Document frequencies from the train split alone, like everything the heads learn.
        var idf = HashedNgrams.InverseDocumentFrequencies([.. learning.Where(t => t.Split == CorpusSplit.Train)
            .Select(t => HashedNgrams.Featurize(t.Kind, EvasionFolding.Fold(ContentClassifier.ModelText(policy, t.Text)).Text).Indices)]);
        var features = learning.Select(t => CorpusFeatures.Of(policy, t, cache[t.Text], idf)).ToArray();
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

            // The head as stored (its n-gram weights in 8 bits) is what is calibrated, so a score means the same at run time.
            var (ngramWeights, ngramScale) = CategoryHead.QuantizeNgrams(best.Weights[ModelFeatures.Dimension..]);
            var stored = new CategoryHead(category, best.Weights[..ModelFeatures.Dimension], best.Bias, 1, 0, trainPositives, ngramWeights, ngramScale);
            var storedWeights = (float[])[.. stored.Weights, .. stored.NgramValues()!];
            var margins = calibration.Select(i => best.Bias + BalancedLogisticRegression.Dot(storedWeights, features[i])).ToList();
            var (scale, offset) = BalancedLogisticRegression.Platt(ml, margins, calibration.Select(i => labels[i]).ToList());
            heads.Add(stored with { PlattScale = scale, PlattOffset = offset });
            reports.Add(new HeadReport(category, trainPositives, train.Length, calibrationPositives, calibration.Length, best.Penalty, best.Auprc));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{category}: {trainPositives}/{train.Length} train, {calibrationPositives}/{calibration.Length} calibration, L2 {best.Penalty:g}, calibration AUPRC {best.Auprc:0.000}"));
        }

        var ngramIdf = DefaultModel.EncodeWeights(idf);
        var candidate = new DefaultModel(new DefaultModelFile("candidate", encoder.Version, ModelFeatures.Dimension, heads, NgramIdf: ngramIdf));
        var examples = ScreenExamples(policy, learning, candidate, cache);
        var screenWords = CorpusWords(learning);
        var screenVocabulary = new KnownWords(screenWords);
        var clear = ScreenData.Of(policy, examples.Where(e => !e.Ruled).ToList(), screenVocabulary, encoder);
        var screen = ScreenAt(policy, FitScreen(ml, clear, clear.Rows.Select(e => e.Changes).ToArray(), clear.Rows.Select(e => e.Gap).ToArray(), SourceBalance(clear), ClearScreenRecall), ClearScreenRecall, "screen for texts without rule evidence");
        var ruled = ScreenData.Of(policy, examples.Where(e => e.Ruled).ToList(), screenVocabulary, encoder);
        var ruledChanges = ruled.Rows.Select(e => e.Changes).ToArray();
        var ruledScreen = ScreenAt(policy, FitScreen(ml, ruled, ruledChanges, null, SourceBalance(ruled), RuledScreenRecall), RuledScreenRecall, "screen for texts with rule evidence");
        var familyScreens = new List<ScreenHead>();
        foreach (var (family, f) in WatchedFamilies.Select((family, f) => (family.Name, f)))
        {
            var flagged = clear.Rows.Select(e => e.FamilyGaps[f] >= 0).ToArray();
            if (clear.Calibration.Count(i => flagged[i]) < MinimumFamilyCalibrationTexts)
            {
                Console.WriteLine($"{family}: its heads flag {clear.Calibration.Count(i => flagged[i])} calibration texts without rule evidence, too few to set a screen's threshold: no screen of its own");
                continue;
            }

            var fitted = FitScreen(ml, clear, flagged, [.. clear.Rows.Select(e => e.FamilyGaps[f])], FamilyBalance(clear, flagged), FamilyScreenRecall);
            familyScreens.Add(ScreenAt(policy, fitted, FamilyScreenRecall, $"screen for {family} among texts without rule evidence") with { Family = family });
        }

        var version = $"default-{Hash(heads, ngramIdf, screenWords, [screen, ruledScreen, .. familyScreens])}";
        return (new DefaultModelFile(version, encoder.Version, ModelFeatures.Dimension, heads, screen, ruledScreen, screenWords, ngramIdf, familyScreens), reports);
    }

    /// <summary>Training texts a word must appear in to be one the screens read, when the encoder does not know it whole.</summary>
    private const int ScreenWordTexts = 5;

    /// <summary>The words of the train split, letters only, in at least <see cref="ScreenWordTexts"/> texts, that the encoder does not hold whole; sorted.</summary>
    private static List<string> CorpusWords(List<CorpusText> learning)
    {
        var texts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var text in learning.Where(t => t.Split == CorpusSplit.Train))
        {
            var folded = EvasionFolding.Fold(text.Text).Text;
            foreach (var word in RuleMatcher.Tokenize(folded).Select(t => folded[t.Start..t.End]).Distinct(StringComparer.Ordinal))
            {
                if (KnownWords.IsWord(word) && !KnownWords.IsEncoderWord(word))
                {
                    texts[word] = texts.GetValueOrDefault(word) + 1;
                }
            }
        }

        return [.. texts.Where(w => w.Value >= ScreenWordTexts).Select(w => w.Key).Order(StringComparer.Ordinal)];
    }

    /// <summary>
    /// Share of the calibration texts without rule evidence whose verdict the encoder changes (some
    /// head flags them) that the cascade must still send to it.
    /// </summary>
    private const double ClearScreenRecall = 0.95;

    /// <summary>
    /// Share of the calibration texts with rule evidence whose verdict the encoder changes that the
    /// cascade must still send to it: higher than for clear texts, since rule evidence makes a text
    /// likelier to matter.
    /// </summary>
    private const double RuledScreenRecall = 0.98;

    /// <summary>
    /// Share of the calibration texts without rule evidence that a watched family's heads flag that
    /// the family's screen must still send to the encoder. These families are few among the texts
    /// the heads flag, so the screen for all of them could settle most of theirs at its 95%. Lower
    /// than that screen's: with twenty-odd such texts, 95% is set by the single lowest-scored one
    /// (self-harm's threshold fell from 0.068 to 0.039, and a tenth of everyday news comments,
    /// which score up to 0.064, went to the encoder).
    /// </summary>
    private const double FamilyScreenRecall = 0.90;

    /// <summary>Calibration texts a family's heads must flag for its screen's threshold to be set on them.</summary>
    private const int MinimumFamilyCalibrationTexts = 5;

    /// <summary>
    /// The families of categories with a screen of their own: those the corpora barely teach (the
    /// team's examples do), which the screen for all categories, fitted where harassment and hate
    /// outnumber them a hundred to one, let through (a passive wish to die, a dismembered body, a
    /// wish that someone be run over).
    /// </summary>
    private static readonly (string Name, string[] Categories)[] WatchedFamilies =
    [
        (Categories.SelfHarm, [Categories.SelfHarm, Categories.SelfHarmIntent, Categories.SelfHarmInstructions]),
        (Categories.Violence, [Categories.Violence, Categories.ViolenceGraphic, Categories.IllicitViolent]),
        ("threats", [Categories.HarassmentThreatening, Categories.HateThreatening]),
        (Categories.Sexual, [Categories.Sexual, Categories.SexualMinors]),
    ];

    /// <summary>A labelled corpus text as the cascade meets it: its evidence, and whether reading it with the encoder changes the verdict the rules alone give.</summary>
    private sealed record ScreenExample(CorpusText Text, bool Ruled, bool Changes, bool Harmful, float Gap, float[] FamilyGaps);

    /// <summary>
    /// Every labelled train and calibration text the cascade would have to judge (a text a floor
    /// already blocks is settled by the rules), with the verdict of the candidate model read with
    /// its windows and read without, as the service gives both.
    /// </summary>
    private static List<ScreenExample> ScreenExamples(CompiledPolicy policy, List<CorpusText> learning, DefaultModel candidate, EmbeddingCache cache)
    {
        var examples = new List<ScreenExample>();
        foreach (var text in learning.Where(t => t.Labels.Count > 0))
        {
            var input = Input(text);
            var evidence = ContentClassifier.FindEvidence(policy, input);
            if (ClassificationEngine.FloorBlocks(policy, input, evidence))
            {
                continue;
            }

            var bare = ContentClassifier.Classify(policy, new ModelReading(candidate, null, []), input);
            var full = ContentClassifier.Classify(policy, new ModelReading(candidate, null, cache[text.Text]), input);
            examples.Add(new ScreenExample(text, evidence.Strongest.Any(w => w > 0), full.Verdict != bare.Verdict, text.Labels.Values.Any(v => v == 1),
                Gap(policy, text.Kind, full, Categories.All), [.. WatchedFamilies.Select(f => Gap(policy, text.Kind, full, f.Categories))]));
        }

        return examples;
    }

    /// <summary>
    /// How far the most flagged of <paramref name="categories"/> stands from its review threshold, in
    /// log-odds (0 at the threshold), held within ±<see cref="GapLimit"/>: how far from the line, not
    /// only which side.
    /// </summary>
    private static float Gap(CompiledPolicy policy, ContentKind kind, ClassificationOutcome outcome, IEnumerable<string> categories) =>
        (float)Math.Clamp(categories.Max(c => LogOdds(outcome.Scores[c]) - LogOdds(policy.ThresholdsFor(c, kind, null).Review)), -GapLimit, GapLimit);

    private const double GapLimit = 8;

    private static double LogOdds(double p) => Math.Log(Math.Clamp(p, 1e-6, 1 - 1e-6) / (1 - Math.Clamp(p, 1e-6, 1 - 1e-6)));

    private static ClassificationInput Input(CorpusText text) => new(text.Kind, null, [new ContentField("body", text.Text)]);

    /// <summary>A screen's weights and its scores on the calibration split.</summary>
    private sealed record FittedScreen(float Bias, float[] Weights, List<(double Score, bool Harmful, bool Changes)> Scored);

    /// <summary>
    /// The texts a screen learns from, with their <see cref="ScreenFeatures"/>: every example, then
    /// every training example once more with a token of random letters and digits after it (a user
    /// name, a code, a typo), which the screen reads past, so it learns nothing from such tokens.
    /// <see cref="Rows"/> is the example of each row, <see cref="Texts"/> its corpus text.
    /// </summary>
    private sealed record ScreenData(ScreenExample[] Rows, VBuffer<float>[] Features, int[] Train, int[] Calibration)
    {
        public List<CorpusText> Texts => [.. Rows.Select(e => e.Text)];

        public static ScreenData Of(CompiledPolicy policy, List<ScreenExample> examples, KnownWords known, SentenceEncoder encoder)
        {
            var random = new Random(1);
            var noisy = examples.Where(e => e.Text.Split == CorpusSplit.Train)
                .Select(e => (Example: e, Text: $"{e.Text.Text} {RandomToken(random)}")).ToList();
            var features = examples.Select(e => (e.Text.Kind, e.Text.Text)).Concat(noisy.Select(n => (n.Example.Text.Kind, n.Text))).Select(t =>
            {
                var evidence = ContentClassifier.FindEvidence(policy, new ClassificationInput(t.Kind, null, [new ContentField("body", t.Text)]));
                var (indices, values) = ScreenFeatures.Of(t.Kind, EvasionFolding.Fold(ContentClassifier.ModelText(policy, t.Text)).Text, known, encoder, evidence);
                return new VBuffer<float>(ScreenFeatures.Dimension, indices.Length, values, indices);
            }).ToArray();
            var train = Enumerable.Range(0, examples.Count).Where(i => examples[i].Text.Split == CorpusSplit.Train).Concat(Enumerable.Range(examples.Count, noisy.Count)).ToArray();
            var calibration = Enumerable.Range(0, examples.Count).Where(i => examples[i].Text.Split == CorpusSplit.Calibration).ToArray();
            return new ScreenData([.. examples, .. noisy.Select(n => n.Example)], features, train, calibration);
        }
    }

    /// <summary>
    /// One of the cascade's screens, distilled from the model over <see cref="ScreenFeatures"/>: what
    /// it learns is what the encoder can change, not the label (trained on the labels, it had to pass
    /// the harmful texts the heads miss as well, and settled under half of everyday comments). With
    /// <paramref name="gaps"/>, a linear regression of the <see cref="Gap"/> to the nearest review
    /// threshold (for texts without rule evidence, whose verdict only a head can move, and only
    /// upward): it learns how far from the line a text is, and settled nearly every everyday news
    /// comment where a classifier of the flag alone, trained on tweets and talk pages, settled half.
    /// Otherwise a balanced logistic regression of <paramref name="changes"/> (for texts with rule
    /// evidence, where the model can move the verdict either way). Of a grid of L2 penalties, the one
    /// that settles the most calibration texts while <paramref name="recall"/> of those that
    /// <paramref name="changes"/> marks reach the encoder is kept.
    /// </summary>
    private static FittedScreen FitScreen(MLContext ml, ScreenData data, bool[] changes, float[]? gaps, float[] rowWeights, double recall)
    {
        FittedScreen? best = null;
        foreach (var penalty in ScreenPenaltyGrid)
        {
            var (bias, weights) = gaps is not null
                ? FitGap(ml, data.Features, gaps, data.Train, penalty, rowWeights)
                : BalancedLogisticRegression.Fit(ml, data.Features, changes, data.Train, penalty, rowWeights);
            var scored = data.Calibration.Select(i => (Score: 1 / (1 + Math.Exp(-(bias + BalancedLogisticRegression.Dot(weights, data.Features[i])))), data.Rows[i].Harmful, changes[i])).ToList();
            var settled = Settled(scored, ThresholdAt(scored, recall));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  L2 {penalty:g}: {settled} of {scored.Count} calibration texts settled at {recall:P0} recall"));
            if (best is null || settled > Settled(best.Scored, ThresholdAt(best.Scored, recall)))
            {
                best = new FittedScreen(bias, weights, scored);
            }
        }

        return best!;
    }

    private sealed class GapRow
    {
        public VBuffer<float> Features { get; set; }

        public float Label { get; set; }

        public float Weight { get; set; }
    }

    /// <summary>ML.NET's SDCA least-squares regression, one thread, no shuffling (so the same data gives the same weights), weighted rows.</summary>
    private static (float Bias, float[] Weights) FitGap(MLContext ml, VBuffer<float>[] features, float[] gaps, int[] rows, double penalty, float[] rowWeights)
    {
        var schema = SchemaDefinition.Create(typeof(GapRow));
        schema[nameof(GapRow.Features)].ColumnType = new VectorDataViewType(NumberDataViewType.Single, ScreenFeatures.Dimension);
        var data = ml.Data.LoadFromEnumerable(rows.Select(i => new GapRow { Features = features[i], Label = gaps[i], Weight = rowWeights[i] }), schema);
        var model = ml.Regression.Trainers.Sdca(new Microsoft.ML.Trainers.SdcaRegressionTrainer.Options
        {
            LabelColumnName = nameof(GapRow.Label),
            FeatureColumnName = nameof(GapRow.Features),
            ExampleWeightColumnName = nameof(GapRow.Weight),
            L1Regularization = 0,
            L2Regularization = (float)penalty,
            NumberOfThreads = 1,
            Shuffle = false,
            MaximumNumberOfIterations = 100,
        }).Fit(data).Model;
        var weights = new float[ScreenFeatures.Dimension];
        var trained = model.Weights;
        for (var i = 0; i < weights.Length; i++)
        {
            weights[i] = trained[i];
        }

        return (model.Bias, weights);
    }

    private static readonly double[] ScreenPenaltyGrid = [1e-6, 1e-5, 1e-4];

    /// <summary>The highest threshold at or above which <paramref name="recall"/> of the texts whose verdict the encoder changes score.</summary>
    /// <summary>
    /// The score at or above which the texts whose verdict the encoder changes must stand to reach
    /// it, for a share <paramref name="recall"/> of them: the Harrell–Davis estimate of their
    /// 1 − recall quantile (a weighted mean of every order statistic, so that with a family's
    /// twenty-odd texts the threshold does not rest on the single second- or third-lowest score),
    /// but never above the score that passes that share of these texts themselves.
    /// </summary>
    private static double ThresholdAt(List<(double Score, bool Harmful, bool Changes)> scored, double recall)
    {
        var changed = scored.Where(s => s.Changes).Select(s => s.Score).Order().ToList();
        if (changed.Count == 0)
        {
            return 0;
        }

        var (a, b) = ((1 - recall) * (changed.Count + 1), recall * (changed.Count + 1));
        var estimate = 0.0;
        for (var i = 0; i < changed.Count; i++)
        {
            estimate += changed[i] * (SpecialFunctions.BetaRegularized(a, b, (i + 1.0) / changed.Count) - SpecialFunctions.BetaRegularized(a, b, (double)i / changed.Count));
        }

        var misses = (int)Math.Floor(Math.Round((1 - recall) * changed.Count, 9));
        return Math.Min(estimate, changed[Math.Min(misses, changed.Count - 1)]);
    }

    private static int Settled(List<(double Score, bool Harmful, bool Changes)> scored, double threshold) => scored.Count(s => s.Score < threshold);

    private static ScreenHead ScreenAt(CompiledPolicy policy, FittedScreen screen, double recall, string name)
    {
        var scored = screen.Scored;
        var changed = scored.Count(s => s.Changes);
        var threshold = ThresholdAt(scored, recall);
        var reached = scored.Count(s => s.Changes && s.Score >= threshold) / (double)Math.Max(1, changed);
        var harmfulReached = scored.Count(s => s.Harmful && s.Score >= threshold) / (double)Math.Max(1, scored.Count(s => s.Harmful));
        var settled = Settled(scored, threshold) / (double)Math.Max(1, scored.Count);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{name}: threshold {threshold:0.0000}; on the calibration split {reached:P1} of the {changed} texts whose verdict the encoder changes and {harmfulReached:P1} of the labelled-harmful texts reach the encoder, {settled:P1} of {scored.Count} are settled without it"));
        var (reviewThresholds, blockThresholds) = (new SortedDictionary<string, double>(StringComparer.Ordinal), new SortedDictionary<string, double>(StringComparer.Ordinal));
        foreach (var kind in new[] { ContentKind.Comment, ContentKind.Article })
        {
            foreach (var category in Categories.All)
            {
                (reviewThresholds[ScreenHead.ThresholdKey(kind, category)], blockThresholds[ScreenHead.ThresholdKey(kind, category)]) = policy.ThresholdsFor(category, kind, null);
            }
        }

        return new ScreenHead(screen.Bias, DefaultModel.EncodeWeights(screen.Weights), threshold, Math.Round(reached, 4), Math.Round(settled, 4), Math.Round(harmfulReached, 4), reviewThresholds, blockThresholds);
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
    private static float[] SourceBalance(ScreenData data) => SourceBalance(data.Texts, [.. data.Rows.Select(e => e.Changes)], data.Train);

    /// <summary>
    /// Row weights that give the texts a watched family's heads flag as much weight in all as the
    /// rest: a few hundred among a hundred thousand would otherwise barely move the regression.
    /// </summary>
    private static float[] FamilyBalance(ScreenData data, bool[] flagged)
    {
        var positives = data.Train.Count(i => flagged[i]);
        var negatives = data.Train.Length - positives;
        return [.. flagged.Select(f => positives == 0 || negatives == 0 ? 1f : data.Train.Length / (2f * (f ? positives : negatives)))];
    }

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
    private static string Hash(List<CategoryHead> heads, string ngramIdf, List<string> screenWords, ScreenHead[] screens)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(Encoding.UTF8.GetBytes(ngramIdf));
        hash.AppendData(Encoding.UTF8.GetBytes(string.Join('\n', screenWords)));
        foreach (var screen in screens)
        {
            hash.AppendData(Encoding.UTF8.GetBytes(screen.Weights));
            hash.AppendData(BitConverter.GetBytes(screen.Threshold));
            foreach (var (key, threshold) in (screen.ReviewThresholds ?? new Dictionary<string, double>()).Concat(screen.BlockThresholds ?? new Dictionary<string, double>()))
            {
                hash.AppendData(Encoding.UTF8.GetBytes(key));
                hash.AppendData(BitConverter.GetBytes(threshold));
            }
        }

        foreach (var head in heads)
        {
            hash.AppendData(Encoding.UTF8.GetBytes(head.Category));
            foreach (var weight in head.Weights)
            {
                hash.AppendData(BitConverter.GetBytes(weight));
            }

            hash.AppendData(Encoding.UTF8.GetBytes(head.NgramWeights ?? ""));
            hash.AppendData(BitConverter.GetBytes(head.NgramScale));
            hash.AppendData(BitConverter.GetBytes(head.Bias));
            hash.AppendData(BitConverter.GetBytes(head.PlattScale));
            hash.AppendData(BitConverter.GetBytes(head.PlattOffset));
        }

        return Convert.ToHexString(hash.GetHashAndReset())[..10].ToLowerInvariant();
    }
}
