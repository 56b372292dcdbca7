using System.Diagnostics;
using Microsoft.Extensions.Options;
using Moderation.Classification.Embeddings;
using Moderation.Classification.Learning;
using Moderation.Classification.Policy;

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
        var encode = inputs.Select(input => !_cascade || site is not null || !Settled(policy, input)).ToArray();
        var encoded = await EncodeAsync(inputs.Where((_, i) => encode[i]).Select(ContentClassifier.ModelText).ToList()) ?? [];
        _metrics.ScreenedTexts.Add(encode.Count(e => !e));
        var next = 0;
        // A settled text is read with no windows: the default model says nothing and its rules (none fired) score it.
        return inputs.Select((input, i) => ContentClassifier.Classify(policy,
            new ModelReading(_models.Default!, site, encode[i] ? encoded[next++] : []), input)).ToList();
    }

    /// <summary>Whether the cascade settles a text without the encoder: no rule evidence, and the screen finds it harmless.</summary>
    private bool Settled(CompiledPolicy policy, ClassificationInput input) =>
        ContentClassifier.FindEvidence(policy, input).Strongest.All(weight => weight == 0)
        && _models.Default!.Settles(input.Kind, EvasionFolding.Fold(ContentClassifier.ModelText(input)).Text);

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

    /// <summary>The models in force, for training runs that score texts the way the engine does.</summary>
    public ModelHolder Models => _models;
}
