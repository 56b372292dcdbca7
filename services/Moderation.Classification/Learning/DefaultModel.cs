using System.Reflection;
using System.Text.Json;
using Moderation.Contracts;

namespace Moderation.Classification.Learning;

/// <summary>
/// The default model that ships with the code: a calibrated head per category over the encoder's
/// embedding and the rules' evidence, trained offline on public corpora (see Model/DATA-CARD.md).
/// A category without a head is scored by its rules alone.
/// </summary>
public sealed class DefaultModel
{
    public const string ResourceName = "Moderation.Classification.default-model.json";
    private static readonly JsonSerializerOptions FileOptions = new(JsonSerializerDefaults.Web) { WriteIndented = false };

    private readonly CategoryHead?[] _heads = new CategoryHead?[Categories.All.Count];

    public DefaultModel(DefaultModelFile file)
    {
        ArgumentNullException.ThrowIfNull(file);
        if (file.Dimension != ModelFeatures.Dimension)
        {
            throw new InvalidDataException($"Default model {file.Version} reads {file.Dimension} features; this build gives {ModelFeatures.Dimension}.");
        }

        Version = file.Version;
        File = file;
        foreach (var head in file.Heads)
        {
            var index = IndexOf(head.Category);
            if (index < 0 || head.Weights.Length != file.Dimension)
            {
                throw new InvalidDataException($"Default model {file.Version}: head '{head.Category}' is not a category or has the wrong number of weights.");
            }

            _heads[index] = head;
        }

        if (file.Screen is { } screen)
        {
            var bytes = Convert.FromBase64String(screen.Weights);
            if (bytes.Length != ScreenFeatures.Dimension * sizeof(float))
            {
                throw new InvalidDataException($"Default model {file.Version}: the screen's weights do not match its features (n-gram buckets and word-piece mean).");
            }

            _screenWeights = new float[ScreenFeatures.Dimension];
            Buffer.BlockCopy(bytes, 0, _screenWeights, 0, bytes.Length);
        }
    }

    private readonly float[]? _screenWeights;

    /// <summary>Whether this model has a screen for the cascade.</summary>
    public bool CanScreen => _screenWeights is not null;

    /// <summary>
    /// Whether the screen settles a text without the encoder: its probability of holding anything
    /// harmful is under the screen's threshold. Only for texts without rule evidence; see the engine.
    /// </summary>
    public bool Settles(ContentKind kind, string folded, float[] wordPieceMean)
    {
        if (_screenWeights is null || File.Screen is not { } screen)
        {
            return false;
        }

        var (indices, values) = ScreenFeatures.Of(kind, folded, wordPieceMean);
        var margin = screen.Bias;
        for (var i = 0; i < indices.Length; i++)
        {
            margin += _screenWeights[indices[i]] * values[i];
        }

        return 1 / (1 + Math.Exp(-margin)) < screen.Threshold;
    }

    /// <summary>
    /// Whether the screen speaks for a text under the thresholds in force for it: it was distilled
    /// at the shipped policy's review thresholds, so a publisher or source with a lower one (stricter
    /// review) would have texts settled that its own thresholds flag; those texts are encoded.
    /// </summary>
    public bool ScreenCovers(Func<string, double> reviewThreshold, ContentKind kind)
    {
        ArgumentNullException.ThrowIfNull(reviewThreshold);
        if (File.Screen?.ReviewThresholds is not { } calibrated)
        {
            return false;
        }

        foreach (var category in Categories.All)
        {
            if (!calibrated.TryGetValue(ScreenHead.ThresholdKey(kind, category), out var threshold) || reviewThreshold(category) < threshold)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The screen's weights in the file's form.</summary>
    public static string EncodeWeights(float[] weights)
    {
        ArgumentNullException.ThrowIfNull(weights);
        var bytes = new byte[weights.Length * sizeof(float)];
        Buffer.BlockCopy(weights, 0, bytes, 0, bytes.Length);
        return Convert.ToBase64String(bytes);
    }

    public string Version { get; }

    public DefaultModelFile File { get; }

    public bool Scores(int category) => _heads[category] is not null;

    /// <summary>The model that ships in this assembly, or null when it was built without one.</summary>
    public static DefaultModel? LoadShipped()
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream(ResourceName);
        return stream is null ? null : new DefaultModel(JsonSerializer.Deserialize<DefaultModelFile>(stream, FileOptions)!);
    }

    public static void Write(DefaultModelFile file, Stream stream) => JsonSerializer.Serialize(stream, file, FileOptions);

    /// <summary>
    /// Each category's raw margin (the logit before calibration) and calibrated probability for one
    /// window's features; NaN where the category has no head.
    /// </summary>
    public void Score(ReadOnlySpan<float> features, Span<double> margins, Span<double> probabilities)
    {
        for (var c = 0; c < _heads.Length; c++)
        {
            if (_heads[c] is not { } head)
            {
                margins[c] = double.NaN;
                probabilities[c] = double.NaN;
                continue;
            }

            var margin = head.Bias;
            var weights = head.Weights;
            for (var i = 0; i < weights.Length; i++)
            {
                margin += weights[i] * features[i];
            }

            margins[c] = margin;
            probabilities[c] = Calibrate(head, margin);
        }
    }

    public static double Calibrate(CategoryHead head, double margin)
    {
        ArgumentNullException.ThrowIfNull(head);
        return 1 / (1 + Math.Exp(-((head.PlattScale * margin) + head.PlattOffset)));
    }

    private static int IndexOf(string category)
    {
        for (var c = 0; c < Categories.All.Count; c++)
        {
            if (Categories.All[c] == category)
            {
                return c;
            }
        }

        return -1;
    }
}
