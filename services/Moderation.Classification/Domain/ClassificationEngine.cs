using System.Diagnostics;
using Microsoft.Extensions.Options;
using Moderation.Classification.Embeddings;
using Moderation.Classification.Learning;
using Moderation.Classification.Policy;
using Moderation.Contracts;

namespace Moderation.Classification.Domain;

/// <summary>
/// The classifier as the service runs it: the policy and the models in force at the moment of the
/// call, and the sentence encoder, which reads many texts at once when it is given many.
/// </summary>
public sealed class ClassificationEngine
{
    private readonly PolicyProvider _policies;
    private readonly ModelHolder _models;
    private readonly ClassificationMetrics _metrics;
    private readonly SentenceEncoder? _encoder;
    private readonly bool _cascade;

    public ClassificationEngine(PolicyProvider policies, ModelHolder models, ClassificationMetrics metrics, IOptions<EncoderOptions> options, IServiceProvider services)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(services);
        _policies = policies;
        _models = models;
        _metrics = metrics;
        _encoder = options.Value.Enabled && models.Default is not null ? services.GetRequiredService<SentenceEncoder>() : null;
        _cascade = options.Value.Cascade && models.Default?.CanScreen == true;
    }

    public async Task<ClassificationOutcome> ClassifyAsync(ClassificationInput input) => (await ClassifyManyAsync([input]))[0];

    public async Task<IReadOnlyList<ClassificationOutcome>> ClassifyManyAsync(IReadOnlyList<ClassificationInput> inputs)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        var policy = _policies.Current;
        var site = _models.Site;
        if (_encoder is null)
        {
            return inputs.Select(input => ContentClassifier.Classify(policy, null, input)).ToList();
        }

        // A site's layer reads every text's embedding (its own words may fire no rule and pass the screen), so it turns the cascade off.
        var evidence = inputs.Select(input => ContentClassifier.FindEvidence(policy, input)).ToArray();
        var encode = inputs.Select((input, i) => !_cascade || site is not null || !SettledWithoutEncoder(policy, _models.Default!, _encoder, input, evidence[i])).ToArray();
        var encoded = await EncodeAsync(inputs.Where((_, i) => encode[i]).Select(input => ContentClassifier.ModelText(policy, input)).ToList()) ?? [];
        _metrics.ScreenedTexts.Add(encode.Count(e => !e));
        var next = 0;
        // A settled text is read with no windows: the default model says nothing and its rules score it (none fired, a floor blocks it, or the verdict they give stands).
        return inputs.Select((input, i) => ContentClassifier.Classify(policy,
            new ModelReading(_models.Default!, site, encode[i] ? encoded[next++] : []), input, evidence[i])).ToList();
    }

    /// <summary>
    /// Whether the cascade settles a text without the encoder: a high-precision rule's floor
    /// (threats, sexual/minors, PII, spam) already blocks it, which no model score can lower; or a
    /// screen of the default model finds that the encoder would not change its verdict (no head
    /// flags a text without rule evidence; the rules' verdict of a text with some stands), under
    /// thresholds it speaks for. The evaluation program asks the same question.
    /// </summary>
    public static bool SettledWithoutEncoder(CompiledPolicy policy, DefaultModel model, SentenceEncoder encoder, ClassificationInput input, Evidence evidence)
    {
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(evidence);
        return FloorBlocks(policy, input, evidence) || model.Settles(input.Kind, EvasionFolding.Fold(ContentClassifier.ModelText(policy, input)).Text, encoder, evidence,
            category => policy.ThresholdsFor(category, input.Kind, input.Source, input.Publisher));
    }

    /// <summary>Whether a floor category's rule evidence reaches its block threshold, so the text is blocked whatever a model says.</summary>
    public static bool FloorBlocks(CompiledPolicy policy, ClassificationInput input, Evidence evidence)
    {
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(evidence);
        for (var c = 0; c < evidence.Floors.Length; c++)
        {
            if (policy.IsFloor(c) && evidence.Floors[c] > 0 && evidence.Floors[c] >= policy.ThresholdsFor(Categories.All[c], input.Kind, input.Source, input.Publisher).Block)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Each text's window embeddings, or null when the classifier runs on its rules alone.</summary>
    public async Task<float[][][]?> EncodeAsync(IReadOnlyList<string> texts)
    {
        ArgumentNullException.ThrowIfNull(texts);
        if (_encoder is null || texts.Count == 0)
        {
            return null;
        }

        var started = Stopwatch.GetTimestamp();
        var windows = await _encoder.EncodeAsync(texts);
        _metrics.EncoderSeconds.Record(Stopwatch.GetElapsedTime(started).TotalSeconds);
        _metrics.EncodedTexts.Add(texts.Count);
        _metrics.EncodedWindows.Add(windows.Sum(w => w.Length));
        return windows;
    }

    /// <summary>
    /// Reads <paramref name="text"/> through the encoder once, uncounted by the metrics (it is no
    /// submission), so ONNX Runtime's first inference and first allocations happen before traffic.
    /// </summary>
    public async Task WarmUpAsync(string text)
    {
        if (_encoder is not null)
        {
            await _encoder.EncodeAsync([text]);
        }
    }

    /// <summary>The models in force, for training runs that score texts the way the engine does.</summary>
    public ModelHolder Models => _models;
}
