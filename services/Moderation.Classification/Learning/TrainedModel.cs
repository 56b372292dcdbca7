using System.Collections.Concurrent;
using System.IO.Compression;
using Microsoft.ML;
using Microsoft.ML.Data;
using Moderation.Classification.Domain;
using Moderation.Contracts;

namespace Moderation.Classification.Learning;

/// <summary>The model's input: the folded text with its kind as a leading word, so the model sees through evasions too.</summary>
public sealed class ModelInput
{
    public string Text { get; set; } = string.Empty;

    public static string Prepare(ContentKind kind, string text) =>
        (kind == ContentKind.Article ? "kindarticle " : "kindcomment ") + TextNormalizer.Normalize(text).Text;
}

public sealed class ModelFeatures
{
    public VBuffer<float> Features { get; set; }
}

/// <summary>One category's logistic regression: sparse weights over the shared features, and its Platt calibration.</summary>
public sealed record LinearCategory(int Category, int Positives, float Bias, double Slope, double Offset, int[] Indices, float[] Weights);

/// <summary>
/// A trained model: ML.NET's text featurizer (word and character n-grams) run once per text, then
/// one logistic regression per category as a sparse dot product over its output.
/// </summary>
public sealed class TrainedModel : ICategoryModel
{
    private const string FeaturizerEntry = "featurizer.zip";
    private const string LinearEntry = "linear.bin";

    private readonly MLContext _ml = new(seed: 1);
    private readonly ITransformer _featurizer;
    private readonly LinearCategory?[] _categories = new LinearCategory?[Categories.All.Count];
    private readonly float[][] _dense = new float[Categories.All.Count][];
    private readonly ConcurrentBag<PredictionEngine<ModelInput, ModelFeatures>> _engines = [];

    public TrainedModel(string version, ITransformer featurizer, IEnumerable<LinearCategory> categories, int dimension)
    {
        ArgumentNullException.ThrowIfNull(categories);
        Version = version;
        _featurizer = featurizer;
        Dimension = dimension;
        foreach (var category in categories)
        {
            _categories[category.Category] = category;
            var dense = new float[dimension];
            for (var i = 0; i < category.Indices.Length; i++)
            {
                dense[category.Indices[i]] = category.Weights[i];
            }

            _dense[category.Category] = dense;
        }
    }

    public string Version { get; }

    public int Dimension { get; }

    public int PositivesFor(int category) => _categories[category]?.Positives ?? 0;

    public void Predict(ContentKind kind, string text, Span<double> probabilities)
    {
        var features = Featurize(ModelInput.Prepare(kind, text));
        var values = features.GetValues();
        var indices = features.GetIndices();
        for (var c = 0; c < probabilities.Length; c++)
        {
            var category = _categories[c];
            if (category is null)
            {
                probabilities[c] = double.NaN;
                continue;
            }

            var weights = _dense[c];
            double output = category.Bias;
            if (features.IsDense)
            {
                for (var i = 0; i < values.Length; i++)
                {
                    output += weights[i] * values[i];
                }
            }
            else
            {
                for (var i = 0; i < indices.Length; i++)
                {
                    output += weights[indices[i]] * values[i];
                }
            }

            probabilities[c] = 1 / (1 + Math.Exp((category.Slope * output) + category.Offset));
        }
    }

    private VBuffer<float> Featurize(string prepared)
    {
        if (!_engines.TryTake(out var engine))
        {
            engine = _ml.Model.CreatePredictionEngine<ModelInput, ModelFeatures>(_featurizer);
        }

        try
        {
            return engine.Predict(new ModelInput { Text = prepared }).Features;
        }
        finally
        {
            _engines.Add(engine);
        }
    }

    /// <summary>The model as one blob for the store: the featurizer as ML.NET saves it, and the linear weights.</summary>
    public byte[] Serialize()
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            using (var featurizer = zip.CreateEntry(FeaturizerEntry).Open())
            {
                _ml.Model.Save(_featurizer, _ml.Data.LoadFromEnumerable(Array.Empty<ModelInput>()).Schema, featurizer);
            }

            using var writer = new BinaryWriter(zip.CreateEntry(LinearEntry).Open());
            writer.Write(Dimension);
            var categories = _categories.OfType<LinearCategory>().ToList();
            writer.Write(categories.Count);
            foreach (var category in categories)
            {
                writer.Write(category.Category);
                writer.Write(category.Positives);
                writer.Write(category.Bias);
                writer.Write(category.Slope);
                writer.Write(category.Offset);
                writer.Write(category.Indices.Length);
                for (var i = 0; i < category.Indices.Length; i++)
                {
                    writer.Write(category.Indices[i]);
                    writer.Write(category.Weights[i]);
                }
            }
        }

        return buffer.ToArray();
    }

    public static TrainedModel Deserialize(string version, byte[] bytes)
    {
        var ml = new MLContext(seed: 1);
        using var zip = new ZipArchive(new MemoryStream(bytes), ZipArchiveMode.Read);
        ITransformer featurizer;
        using (var stream = new MemoryStream())
        {
            using (var entry = zip.GetEntry(FeaturizerEntry)!.Open())
            {
                entry.CopyTo(stream);
            }

            stream.Position = 0;
            featurizer = ml.Model.Load(stream, out _);
        }

        using var reader = new BinaryReader(zip.GetEntry(LinearEntry)!.Open());
        var dimension = reader.ReadInt32();
        var count = reader.ReadInt32();
        var categories = new List<LinearCategory>(count);
        for (var n = 0; n < count; n++)
        {
            var category = reader.ReadInt32();
            var positives = reader.ReadInt32();
            var bias = reader.ReadSingle();
            var slope = reader.ReadDouble();
            var offset = reader.ReadDouble();
            var length = reader.ReadInt32();
            var indices = new int[length];
            var weights = new float[length];
            for (var i = 0; i < length; i++)
            {
                indices[i] = reader.ReadInt32();
                weights[i] = reader.ReadSingle();
            }

            categories.Add(new LinearCategory(category, positives, bias, slope, offset, indices, weights));
        }

        return new TrainedModel(version, featurizer, categories, dimension);
    }
}
