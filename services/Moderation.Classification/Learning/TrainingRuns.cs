using System.Security.Cryptography;
using System.Text;
using Moderation.Classification.Domain;
using Moderation.Classification.Policy;
using Moderation.Classification.Storage;
using Moderation.Client;
using Moderation.Contracts;

namespace Moderation.Classification.Learning;

/// <summary>Why a training run could not start.</summary>
public sealed class TrainingRefusedException(string message) : Exception(message);

/// <summary>
/// A training run: a snapshot of the stored examples, a deterministic held-out fifth, a candidate
/// trained on the rest, and a comparison with the classifier in force on the same held-out texts
/// by macro AUPRC. Every version is stored with its metrics; the candidate is promoted, and swapped
/// in, only if it is no worse.
/// </summary>
public sealed class TrainingRuns(ITrainingStore store, ModelHolder models, PolicyProvider policies, TimeProvider clock)
{
    public const int MinimumExamples = 20;
    public const int MaxExamples = 100_000;
    private readonly SemaphoreSlim _oneAtATime = new(1, 1);

    public async Task<ModelVersionView> RunAsync(CancellationToken cancellationToken)
    {
        if (!await _oneAtATime.WaitAsync(0, cancellationToken))
        {
            throw new TrainingRefusedException("A training run is already under way.");
        }

        try
        {
            var examples = await store.ListExamplesAsync(MaxExamples, cancellationToken);
            var heldOut = examples.Where(IsHeldOut).ToList();
            var training = examples.Where(e => !IsHeldOut(e)).ToList();
            if (examples.Count < MinimumExamples || heldOut.Count == 0 || training.Count == 0)
            {
                throw new TrainingRefusedException($"Training needs at least {MinimumExamples} labelled examples; {examples.Count} are stored.");
            }

            var now = clock.GetUtcNow();
            var version = $"model-{now:yyyyMMdd'T'HHmmssfff}";
            var candidate = await Task.Run(() => ModelTrainer.Train(version, training.Select(ToLabelled).ToList()), cancellationToken);
            var policy = policies.Current;
            var inForce = models.Current;
            var candidateQuality = Evaluate(policy, candidate, heldOut);
            var baselineQuality = Evaluate(policy, inForce, heldOut);
            var macro = MacroAuprc(candidateQuality);
            var baseline = MacroAuprc(baselineQuality);
            var promote = macro >= baseline;
            var view = new ModelVersionView(version, now, promote, training.Count, heldOut.Count, Math.Round(macro, 4), Math.Round(baseline, 4),
                inForce?.Version ?? ContentClassifier.RulesOnly,
                candidateQuality.ToDictionary(q => q.Key, q => new CategoryMetrics(q.Value.Positives, q.Value.Count,
                    Math.Round(q.Value.Precision, 4), Math.Round(q.Value.Recall, 4), Math.Round(q.Value.F1, 4), Math.Round(q.Value.Auprc, 4))));
            await store.AddModelAsync(view, candidate.Serialize(), cancellationToken);
            if (promote)
            {
                await store.PromoteAsync(version, cancellationToken);
                models.Swap(candidate);
            }

            return view;
        }
        finally
        {
            _oneAtATime.Release();
        }
    }

    /// <summary>Scores of the whole classifier (rules and the given model) per category on labelled texts.</summary>
    public static Dictionary<string, CategoryQuality> Evaluate(CompiledPolicy policy, ICategoryModel? model, IReadOnlyList<TrainingExample> examples)
    {
        ArgumentNullException.ThrowIfNull(examples);
        var results = examples.Select(e => ContentClassifier.Classify(policy, model, new ClassificationInput(e.Kind, null, [new ContentField("body", e.Text)]))).ToList();
        return Categories.All.ToDictionary(c => c, c => QualityMetrics.Measure(
            results.Select((r, i) => (r.Scores[c], examples[i].Labels.TryGetValue(c, out var label) && label == 1)).ToList(), 0.5));
    }

    /// <summary>The mean AUPRC over the categories that have positives to find.</summary>
    public static double MacroAuprc(IReadOnlyDictionary<string, CategoryQuality> quality)
    {
        ArgumentNullException.ThrowIfNull(quality);
        var measured = quality.Values.Where(q => q.Positives > 0).ToList();
        return measured.Count == 0 ? 0 : measured.Average(q => q.Auprc);
    }

    private static LabelledText ToLabelled(TrainingExample example) => new(example.Kind, example.Text, example.Labels);

    /// <summary>A fifth of the examples, chosen by a hash of their id: the same example is always on the same side.</summary>
    private static bool IsHeldOut(TrainingExample example) => SHA256.HashData(Encoding.UTF8.GetBytes(example.ExampleId))[0] % 5 == 0;
}
