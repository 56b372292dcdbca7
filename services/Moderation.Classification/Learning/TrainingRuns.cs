using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using Moderation.Classification.Domain;
using Moderation.Classification.Policy;
using Moderation.Classification.Storage;
using Moderation.Contracts;

namespace Moderation.Classification.Learning;

/// <summary>
/// A training run: the newest stored examples (up to <c>Classification:MaxTrainingExamples</c>), a deterministic
/// held-out fifth, a candidate layer trained on the rest over the default model, and a comparison
/// per category with the classifier in force on the held-out texts. A category's candidate head is
/// promoted when its AUPRC is no worse; the others keep the head in force (or the default model).
/// Every version is stored with its metrics.
/// </summary>
public sealed class TrainingRuns(ITrainingStore store, ClassificationEngine engine, PolicyProvider policies, IOptions<ClassificationOptions> options, TimeProvider clock)
{
    public const int MinimumExamples = 20;
    private const int EncodeChunk = 256;
    private readonly SemaphoreSlim _oneAtATime = new(1, 1);

    public async Task<SiteModelVersion> RunAsync(CancellationToken cancellationToken)
    {
        if (!await _oneAtATime.WaitAsync(0, cancellationToken))
        {
            throw new TrainingRefusedException("A training run is already under way.");
        }

        try
        {
            var models = engine.Models;
            if (models.Default is null || await engine.EncodeAsync(["probe"]) is null)
            {
                throw new TrainingRefusedException("Training needs the default model and the sentence encoder (Classification:Encoder:Enabled).");
            }

            var examples = await store.ListExamplesAsync(options.Value.MaxTrainingExamples, cancellationToken);
            var heldOut = examples.Where(IsHeldOut).ToList();
            var training = examples.Where(e => !IsHeldOut(e)).ToList();
            if (examples.Count < MinimumExamples || heldOut.Count == 0 || training.Count == 0)
            {
                throw new TrainingRefusedException($"Training needs at least {MinimumExamples} labelled examples; {examples.Count} are stored.");
            }

            var now = clock.GetUtcNow();
            var version = $"site-{now:yyyyMMdd'T'HHmmssfff}";
            var policy = policies.Current;
            return await Task.Run(() => Run(version, now, policy, models, training, heldOut, cancellationToken), cancellationToken);
        }
        finally
        {
            _oneAtATime.Release();
        }
    }

    private async Task<SiteModelVersion> Run(string version, DateTimeOffset now, CompiledPolicy policy, ModelHolder models,
        List<TrainingExample> training, List<TrainingExample> heldOut, CancellationToken cancellationToken)
    {
        var defaults = models.Default!;
        // Each chunk's batches run on every inference thread at once.
        var trainingFeatures = new List<SiteExample>(training.Count);
        foreach (var chunk in training.Chunk(EncodeChunk))
        {
            cancellationToken.ThrowIfCancellationRequested();
            var windows = (await engine.EncodeAsync(chunk.Select(e => ContentClassifier.ModelText(policy, e.Text)).ToList()))!;
            trainingFeatures.AddRange(chunk.Select((e, i) => Features(policy, defaults, e, windows[i])));
        }

        var idf = SiteTrainer.InverseDocumentFrequencies(trainingFeatures);
        var heads = SiteTrainer.Train(trainingFeatures, idf, policy.Model.SitePrecisionTarget);
        var candidate = new SiteModel(version, defaults.Version, heads);
        var inForce = models.Site is { } site && site.DefaultVersion == defaults.Version ? site : null;
        var heldOutWindows = new List<float[][]>(heldOut.Count);
        foreach (var chunk in heldOut.Chunk(EncodeChunk))
        {
            heldOutWindows.AddRange((await engine.EncodeAsync(chunk.Select(e => ContentClassifier.ModelText(policy, e.Text)).ToList()))!);
        }

        var candidateQuality = Evaluate(policy, new ModelReading(defaults, candidate, []), heldOut, heldOutWindows);
        var baselineQuality = Evaluate(policy, new ModelReading(defaults, inForce, []), heldOut, heldOutWindows);
        var (promoted, kept) = Promote(candidate, candidateQuality, inForce, baselineQuality);
        var merged = new SiteModel(version, defaults.Version, kept);
        var trained = new SiteModelVersion(version, now, promoted.Count > 0, training.Count, heldOut.Count,
            Math.Round(MacroAuprc(candidateQuality), 4), Math.Round(MacroAuprc(baselineQuality), 4),
            inForce is null ? defaults.Version : $"{defaults.Version}+{inForce.Version}",
            candidateQuality.Where(q => candidate.HeadFor(Categories.IndexOf(q.Key)) is not null || q.Value.Positives > 0).ToDictionary(q => q.Key, q =>
            {
                var (quality, baseline) = (q.Value, baselineQuality[q.Key]);
                return new CategoryEvaluation(quality.Positives, quality.Count, Math.Round(quality.Precision, 4), Math.Round(quality.Recall, 4),
                    Math.Round(quality.F1, 4), Math.Round(quality.Auprc, 4), Math.Round(baseline.Auprc, 4), Math.Round(baseline.F1, 4),
                    promoted.Contains(q.Key), candidate.HeadFor(Categories.IndexOf(q.Key)) is { } head ? Math.Round(head.Threshold, 4) : null);
            }),
            promoted);
        await store.AddModelAsync(trained, merged.Serialize(), cancellationToken);
        if (trained.Promoted)
        {
            await store.PromoteAsync(version, cancellationToken);
            models.Swap(merged);
        }

        return trained;
    }

    /// <summary>
    /// Promotion per category: a candidate head whose category has held-out positives and whose
    /// AUPRC is no worse than the classifier in force takes the category; every other category keeps
    /// the head in force, or none (the default model).
    /// </summary>
    public static (List<string> Promoted, List<SiteHead> Kept) Promote(SiteModel candidate, IReadOnlyDictionary<string, CategoryQuality> candidateQuality,
        SiteModel? inForce, IReadOnlyDictionary<string, CategoryQuality> baselineQuality)
    {
        ArgumentNullException.ThrowIfNull(candidate);
        ArgumentNullException.ThrowIfNull(candidateQuality);
        ArgumentNullException.ThrowIfNull(baselineQuality);
        var promoted = new List<string>();
        var kept = new List<SiteHead>();
        for (var c = 0; c < Categories.All.Count; c++)
        {
            var category = Categories.All[c];
            if (candidate.HeadFor(c) is { } candidateHead && candidateQuality[category].Positives > 0
                && candidateQuality[category].Auprc >= baselineQuality[category].Auprc)
            {
                promoted.Add(category);
                kept.Add(candidateHead);
            }
            else if (inForce?.HeadFor(c) is { } head)
            {
                kept.Add(head);
            }
        }

        return (promoted, kept);
    }

    /// <summary>What the site's layer reads of one stored example.</summary>
    public static SiteExample Features(CompiledPolicy policy, DefaultModel defaults, TrainingExample example, float[][] windows)
    {
        ArgumentNullException.ThrowIfNull(example);
        var input = new ClassificationInput(example.Kind, null, [new ContentField("body", example.Text)]);
        var evidence = ContentClassifier.FindEvidence(policy, input);
        var folded = EvasionFolding.Fold(ContentClassifier.ModelText(policy, example.Text)).Text;
        var scores = DefaultScores.Read(defaults, windows, evidence, example.Kind, folded);
        var (indices, values) = HashedNgrams.Featurize(example.Kind, folded);
        return new SiteExample(indices, values, SiteFeatures.Dense(scores, evidence.Strongest, example.Kind), example.Labels);
    }

    /// <summary>Scores of the whole classifier (rules and the given models) per category on labelled texts; a category a text does not name counts as 0.</summary>
    public static Dictionary<string, CategoryQuality> Evaluate(CompiledPolicy policy, ModelReading? model, IReadOnlyList<TrainingExample> examples, IReadOnlyList<float[][]> windows)
    {
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(examples);
        ArgumentNullException.ThrowIfNull(windows);
        var results = examples.Select((e, i) => ContentClassifier.Classify(policy, model is null ? null : model with { Windows = windows[i] },
            new ClassificationInput(e.Kind, null, [new ContentField("body", e.Text)]))).ToList();
        return Categories.All.ToDictionary(c => c, c => QualityMetrics.Measure(
            results.Select((r, i) => (r.Scores[c], examples[i].Labels.TryGetValue(c, out var label) && label == 1)).ToList(),
            policy.ThresholdsFor(c, examples.Count > 0 ? examples[0].Kind : ContentKind.Comment, null).Review));
    }

    /// <summary>The mean AUPRC over the categories that have positives to find.</summary>
    public static double MacroAuprc(IReadOnlyDictionary<string, CategoryQuality> quality)
    {
        ArgumentNullException.ThrowIfNull(quality);
        var measured = quality.Values.Where(q => q.Positives > 0).ToList();
        return measured.Count == 0 ? 0 : measured.Average(q => q.Auprc);
    }

    /// <summary>A fifth of the examples, chosen by a hash of their id: the same example is always on the same side.</summary>
    private static bool IsHeldOut(TrainingExample example) => SHA256.HashData(Encoding.UTF8.GetBytes(example.ExampleId))[0] % 5 == 0;
}
