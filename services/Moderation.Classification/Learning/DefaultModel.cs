using System.Reflection;
using System.Text.Json;
using Moderation.Classification.Domain;
using Moderation.Classification.Embeddings;
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
    private readonly sbyte[]?[] _ngramWeights = new sbyte[]?[Categories.All.Count];
    private readonly float[]? _idf;

    public DefaultModel(DefaultModelFile file)
    {
        ArgumentNullException.ThrowIfNull(file);
        if (file.Dimension != ModelFeatures.Dimension)
        {
            throw new InvalidDataException($"Default model {file.Version} reads {file.Dimension} features; this build gives {ModelFeatures.Dimension}.");
        }

        Version = file.Version;
        foreach (var head in file.Heads)
        {
            var index = IndexOf(head.Category);
            if (index < 0 || head.Weights.Length != file.Dimension)
            {
                throw new InvalidDataException($"Default model {file.Version}: head '{head.Category}' is not a category or has the wrong number of weights.");
            }

            // The n-gram weights are kept decoded below; their base64 text, several megabytes of
            // strings, is not kept beside them.
            _heads[index] = head with { NgramWeights = null };
            _ngramWeights[index] = head.NgramSteps();
            if (_ngramWeights[index] is { Length: not HashedNgrams.Dimension } ngramWeights)
            {
                throw new InvalidDataException($"Default model {file.Version}: head '{head.Category}' has {ngramWeights.Length} n-gram weights where this build reads {HashedNgrams.Dimension}.");
            }
        }

        _idf = file.NgramIdf is { } idf ? ReadFloats(file.Version, idf, HashedNgrams.Dimension, "n-gram document frequencies") : null;
        if (_idf is null && _ngramWeights.Any(w => w is not null))
        {
            throw new InvalidDataException($"Default model {file.Version}: heads read n-grams but the file holds no document frequencies for them.");
        }

        _screenWeights = file.Screen is { } screen ? ReadFloats(file.Version, screen.Weights, ScreenFeatures.Dimension, "a screen's weights") : null;
        _ruledScreenWeights = file.RuledScreen is { } ruledScreen ? ReadFloats(file.Version, ruledScreen.Weights, ScreenFeatures.Dimension, "a screen's weights") : null;
        _familyScreenWeights = [.. (file.FamilyScreens ?? []).Select(family => ReadFloats(file.Version, family.Weights, ScreenFeatures.Dimension, "a screen's weights"))];
        // Likewise each screen's weights: decoded above, their text dropped.
        (_screen, _ruledScreen) = (file.Screen is { } clear ? clear with { Weights = string.Empty } : null, file.RuledScreen is { } ruled ? ruled with { Weights = string.Empty } : null);
        _familyScreens = [.. (file.FamilyScreens ?? []).Select(family => family with { Weights = string.Empty })];
        ScreenVocabulary = new KnownWords(file.ScreenWords ?? []);
    }

    /// <summary>The words the screens read.</summary>
    public KnownWords ScreenVocabulary { get; }

    private readonly float[]? _screenWeights;
    private readonly float[]? _ruledScreenWeights;
    private readonly float[][] _familyScreenWeights;
    private readonly ScreenHead? _screen;
    private readonly ScreenHead? _ruledScreen;
    private readonly ScreenHead[] _familyScreens;

    /// <summary>Whether this model has a screen for the cascade.</summary>
    public bool CanScreen => _screenWeights is not null;

    /// <summary>
    /// Whether the screens settle a text without the encoder: for a text without rule evidence, the
    /// screen for all categories (how far is the text from any head's review threshold?) and every
    /// family's screen (how far from its own?); for a text with evidence, the one for ruled texts
    /// (does the encoder change the verdict the rules give?). Each must exist, speak under the
    /// thresholds in force (<paramref name="thresholds"/> per category) and score the text (the
    /// logistic of its margin) under its threshold. A text a floor already blocks is the engine's
    /// to settle.
    /// </summary>
    public bool Settles(ContentKind kind, string folded, SentenceEncoder encoder, Evidence evidence, Func<string, (double Review, double Block)> thresholds)
    {
        ArgumentNullException.ThrowIfNull(evidence);
        var ruled = evidence.Strongest.Any(weight => weight > 0);
        var screens = ruled
            ? [(_ruledScreen, _ruledScreenWeights)]
            : (List<(ScreenHead? Screen, float[]? Weights)>)[(_screen, _screenWeights), .. _familyScreens.Zip(_familyScreenWeights, (screen, weights) => ((ScreenHead?)screen, (float[]?)weights))];
        if (screens.Any(s => s.Screen is null || s.Weights is null || !Covers(s.Screen, thresholds, kind, ruled)))
        {
            return false;
        }

        var (indices, values) = ScreenFeatures.Of(kind, folded, ScreenVocabulary, encoder, evidence);
        foreach (var (screen, weights) in screens)
        {
            var margin = screen!.Bias;
            for (var i = 0; i < indices.Length; i++)
            {
                margin += weights![indices[i]] * values[i];
            }

            if (1 / (1 + Math.Exp(-margin)) >= screen.Threshold)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// Whether a screen speaks for a text under the thresholds in force for it. The screen for
    /// texts without evidence was distilled at the shipped policy's review thresholds: a publisher
    /// or source with a lower one (stricter review) would have texts settled that its own
    /// thresholds flag. The screen for ruled texts learned where the verdict moves, which any other
    /// threshold shifts: it speaks only under exactly the thresholds it was distilled at.
    /// </summary>
    private static bool Covers(ScreenHead screen, Func<string, (double Review, double Block)> thresholds, ContentKind kind, bool exactly)
    {
        ArgumentNullException.ThrowIfNull(thresholds);
        if (screen.ReviewThresholds is not { } reviews || (exactly && screen.BlockThresholds is null))
        {
            return false;
        }

        foreach (var category in Categories.All)
        {
            var key = ScreenHead.ThresholdKey(kind, category);
            var (review, block) = thresholds(category);
            if (!reviews.TryGetValue(key, out var distilledReview) || review < distilledReview)
            {
                return false;
            }

            if (exactly && (review != distilledReview || !screen.BlockThresholds!.TryGetValue(key, out var distilledBlock) || block != distilledBlock))
            {
                return false;
            }
        }

        return true;
    }

    private static float[] ReadFloats(string version, string base64, int count, string what)
    {
        var bytes = Convert.FromBase64String(base64);
        if (bytes.Length != count * sizeof(float))
        {
            throw new InvalidDataException($"Default model {version}: {what} hold {bytes.Length / sizeof(float)} values where this build reads {count}.");
        }

        var values = new float[count];
        Buffer.BlockCopy(bytes, 0, values, 0, bytes.Length);
        return values;
    }

    /// <summary>
    /// Each category's n-gram part of its margin for a folded text: the same for every window of the
    /// text (its n-grams are L2-normalised, so repeating a passage adds almost nothing); 0 where the
    /// head reads no n-grams.
    /// </summary>
    public double[] NgramMargins(ContentKind kind, string folded)
    {
        var margins = new double[_heads.Length];
        if (_idf is null)
        {
            return margins;
        }

        var (indices, values) = HashedNgrams.Featurize(kind, folded, _idf);
        for (var c = 0; c < margins.Length; c++)
        {
            if (_ngramWeights[c] is not { } steps)
            {
                continue;
            }

            var sum = 0.0;
            for (var i = 0; i < indices.Length; i++)
            {
                sum += steps[indices[i]] * values[i];
            }

            margins[c] = sum * _heads[c]!.NgramScale;
        }

        return margins;
    }

    /// <summary>Weights (of a screen, a head's n-grams, document frequencies) in the file's form.</summary>
    public static string EncodeWeights(float[] weights)
    {
        ArgumentNullException.ThrowIfNull(weights);
        var bytes = new byte[weights.Length * sizeof(float)];
        Buffer.BlockCopy(weights, 0, bytes, 0, bytes.Length);
        return Convert.ToBase64String(bytes);
    }

    public string Version { get; }

    /// <summary>Each category's head, as calibrated (its n-gram weights are read through <see cref="NgramMargins"/>).</summary>
    public IEnumerable<CategoryHead> Heads => _heads.OfType<CategoryHead>();

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
    /// window's features and the text's <see cref="NgramMargins"/>; NaN where the category has no head.
    /// </summary>
    public void Score(ReadOnlySpan<float> features, ReadOnlySpan<double> ngramMargins, Span<double> margins, Span<double> probabilities)
    {
        for (var c = 0; c < _heads.Length; c++)
        {
            if (_heads[c] is not { } head)
            {
                margins[c] = double.NaN;
                probabilities[c] = double.NaN;
                continue;
            }

            var margin = head.Bias + ngramMargins[c];
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
