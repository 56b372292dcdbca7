using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.Extensions.Options;
using Moderation.Classification.Embeddings;
using Moderation.Classification.Learning;
using Moderation.Classification.Policy;
using Moderation.Client;

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

    public ClassificationEngine(PolicyProvider policies, ModelHolder models, ClassificationMetrics metrics, IOptions<EncoderOptions> options, IServiceProvider services)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(services);
        _policies = policies;
        _models = models;
        _metrics = metrics;
        _encoder = options.Value.Enabled && models.Default is not null ? services.GetRequiredService<SentenceEncoder>() : null;
    }

    public ClassificationResult Classify(ClassificationInput input) => ClassifyMany([input])[0];

    public IReadOnlyList<ClassificationResult> ClassifyMany(IReadOnlyList<ClassificationInput> inputs)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        var policy = _policies.Current;
        var windows = Encode(inputs.Select(ContentClassifier.ModelText).ToList());
        var site = _models.Site;
        return inputs.Select((input, i) => ContentClassifier.Classify(policy,
            windows is null ? null : new ModelReading(_models.Default!, site, windows[i]), input)).ToList();
    }

    /// <summary>Each text's window embeddings, or null when the classifier runs on its rules alone.</summary>
    public float[][][]? Encode(IReadOnlyList<string> texts)
    {
        ArgumentNullException.ThrowIfNull(texts);
        if (_encoder is null || texts.Count == 0)
        {
            return null;
        }

        var started = Stopwatch.GetTimestamp();
        var windows = _encoder.Encode(texts);
        _metrics.EncoderSeconds.Record(Stopwatch.GetElapsedTime(started).TotalSeconds);
        _metrics.EncodedTexts.Add(texts.Count);
        _metrics.EncodedWindows.Add(windows.Sum(w => w.Length));
        return windows;
    }

    /// <summary>The models in force, for training runs that score texts the way the engine does.</summary>
    public ModelHolder Models => _models;
}

/// <summary>
/// How often the same text came from the same source: the "repeated text" spam signal. Kept per
/// process and bounded; dry runs do not count, only submissions do.
/// </summary>
public sealed class RecentTexts
{
    private const int Capacity = 100_000;
    private readonly ConcurrentDictionary<(string Source, int Hash, int Length), int> _seen = new();

    /// <summary>Counts this text and says how many times it was seen before.</summary>
    public int CountAndGetPrevious(string source, string text)
    {
        if (_seen.Count >= Capacity)
        {
            _seen.Clear();
        }

        return _seen.AddOrUpdate((source, string.GetHashCode(text, StringComparison.Ordinal), text.Length), 1, (_, count) => count + 1) - 1;
    }
}
