using Moderation.Classification.Domain;
using Moderation.Contracts;

namespace Moderation.Classification.Learning;

/// <summary>One category's logistic regression over the hashed n-grams: sparse weights, bias, and its Platt calibration.</summary>
public sealed record LinearCategory(int Category, int Positives, float Bias, double Slope, double Offset, int[] Indices, float[] Weights);

/// <summary>
/// A trained model: the hashed n-grams of a text computed once, then one logistic regression per
/// category (trained by ML.NET) as a sparse dot product over them.
/// </summary>
public sealed class TrainedModel : ICategoryModel
{
    private const int FormatVersion = 1;

    private static readonly int CategoryCount = Categories.All.Count;

    private readonly LinearCategory?[] _categories = new LinearCategory?[CategoryCount];

    /// <summary>Weights bucket by bucket, the categories of one bucket side by side: one cache line serves every category.</summary>
    private readonly float[] _weights = new float[HashedNgrams.Dimension * CategoryCount];

    public TrainedModel(string version, IEnumerable<LinearCategory> categories)
    {
        ArgumentNullException.ThrowIfNull(categories);
        Version = version;
        foreach (var category in categories)
        {
            _categories[category.Category] = category;
            for (var i = 0; i < category.Indices.Length; i++)
            {
                _weights[(category.Indices[i] * CategoryCount) + category.Category] = category.Weights[i];
            }
        }
    }

    public string Version { get; }

    public int PositivesFor(int category) => _categories[category]?.Positives ?? 0;

    public void Predict(ContentKind kind, string folded, Span<double> probabilities)
    {
        var (indices, values) = HashedNgrams.Featurize(kind, folded);
        Span<float> outputs = stackalloc float[CategoryCount];
        for (var i = 0; i < indices.Length; i++)
        {
            var bucket = _weights.AsSpan(indices[i] * CategoryCount, CategoryCount);
            var value = values[i];
            for (var c = 0; c < CategoryCount; c++)
            {
                outputs[c] += bucket[c] * value;
            }
        }

        for (var c = 0; c < probabilities.Length; c++)
        {
            probabilities[c] = _categories[c] is { } category
                ? 1 / (1 + Math.Exp((category.Slope * (outputs[c] + category.Bias)) + category.Offset))
                : double.NaN;
        }
    }

    /// <summary>The model as one blob for the store: its weights per category.</summary>
    public byte[] Serialize()
    {
        using var buffer = new MemoryStream();
        using (var writer = new BinaryWriter(buffer))
        {
            writer.Write(FormatVersion);
            writer.Write(HashedNgrams.Dimension);
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
        using var reader = new BinaryReader(new MemoryStream(bytes));
        if (reader.ReadInt32() != FormatVersion || reader.ReadInt32() != HashedNgrams.Dimension)
        {
            throw new InvalidDataException($"Model {version} was stored in a format this build does not read.");
        }

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

        return new TrainedModel(version, categories);
    }
}
