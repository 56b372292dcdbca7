using Moderation.Contracts;

namespace Moderation.Classification.Learning;

/// <summary>
/// What a site's own labels taught: a head for each category where a candidate earned promotion,
/// stacked on the default model it was trained with. Its probabilities come from balanced classes,
/// so a head's <see cref="SiteHead.Threshold"/>, not 0.5, is its decision point; the classifier
/// maps that point onto the policy's review threshold.
/// </summary>
public sealed class SiteModel
{
    private const int FormatVersion = 3;
    private readonly SiteHead?[] _heads = new SiteHead?[Categories.All.Count];
    private readonly float[]?[] _ngramWeights = new float[Categories.All.Count][];

    public SiteModel(string version, string defaultVersion, IEnumerable<SiteHead> heads)
    {
        ArgumentNullException.ThrowIfNull(heads);
        Version = version;
        DefaultVersion = defaultVersion;
        foreach (var head in heads)
        {
            var c = Categories.IndexOf(head.Category);
            _heads[c] = head;
            var weights = new float[HashedNgrams.Dimension];
            for (var i = 0; i < head.NgramIndices.Length; i++)
            {
                weights[head.NgramIndices[i]] = head.NgramWeights[i];
            }

            _ngramWeights[c] = weights;
        }
    }

    public string Version { get; }

    /// <summary>The default model this layer was stacked on; over another one it is not used.</summary>
    public string DefaultVersion { get; }

    public IEnumerable<SiteHead> Heads => _heads.OfType<SiteHead>();

    public SiteHead? HeadFor(int category) => _heads[category];

    /// <summary>Each category's probability (balanced classes), NaN where this layer has no head.</summary>
    public double[] Predict(DefaultScores scores, ContentKind kind, string folded, ReadOnlySpan<double> strongestRules)
    {
        var probabilities = new double[Categories.All.Count];
        Array.Fill(probabilities, double.NaN);
        if (!_heads.Any(h => h is not null))
        {
            return probabilities;
        }

        var dense = SiteFeatures.Dense(scores, strongestRules, kind);
        (float[] Idf, int[] Indices, float[] Values)? ngrams = null;
        for (var c = 0; c < probabilities.Length; c++)
        {
            if (_heads[c] is not { } head)
            {
                continue;
            }

            if (ngrams?.Idf != head.Idf)
            {
                var (indices, values) = SiteFeatures.Ngrams(kind, folded, head.Idf);
                ngrams = (head.Idf, indices, values);
            }

            probabilities[c] = Sigmoid(Margin(head, _ngramWeights[c]!, ngrams.Value.Indices, ngrams.Value.Values, dense));
        }

        return probabilities;
    }

    /// <summary>The probability moved on the logit scale so that the head's decision point lands on the policy's review threshold.</summary>
    public static double Centre(double probability, double threshold, double review) =>
        Sigmoid(Logit(probability) - Logit(threshold) + Logit(review));

    internal static double Margin(SiteHead head, float[] ngramWeights, int[] indices, float[] values, float[] dense)
    {
        double margin = head.Bias;
        for (var i = 0; i < indices.Length; i++)
        {
            margin += ngramWeights[indices[i]] * values[i];
        }

        for (var d = 0; d < dense.Length; d++)
        {
            margin += head.Dense[d] * dense[d];
        }

        return margin;
    }

    public static double Sigmoid(double x) => 1 / (1 + Math.Exp(-x));

    private static double Logit(double p)
    {
        var clamped = Math.Clamp(p, 1e-6, 1 - 1e-6);
        return Math.Log(clamped / (1 - clamped));
    }

    public byte[] Serialize()
    {
        using var buffer = new MemoryStream();
        using (var writer = new BinaryWriter(buffer))
        {
            writer.Write(FormatVersion);
            writer.Write(DefaultVersion);
            writer.Write(HashedNgrams.Dimension);
            writer.Write(SiteFeatures.DenseDimension);
            var heads = Heads.ToList();
            var idfs = heads.Select(h => h.Idf).Distinct().ToList();
            writer.Write(idfs.Count);
            foreach (var idf in idfs)
            {
                foreach (var value in idf)
                {
                    writer.Write(value);
                }
            }

            writer.Write(heads.Count);
            foreach (var head in heads)
            {
                writer.Write(head.Category);
                writer.Write(idfs.IndexOf(head.Idf));
                writer.Write(head.Positives);
                writer.Write(head.L2);
                writer.Write(head.Threshold);
                writer.Write(head.Bias);
                foreach (var value in head.Dense)
                {
                    writer.Write(value);
                }

                writer.Write(head.NgramIndices.Length);
                for (var i = 0; i < head.NgramIndices.Length; i++)
                {
                    writer.Write(head.NgramIndices[i]);
                    writer.Write(head.NgramWeights[i]);
                }
            }
        }

        return buffer.ToArray();
    }

    public static SiteModel Deserialize(string version, byte[] bytes)
    {
        using var reader = new BinaryReader(new MemoryStream(bytes));
        if (reader.ReadInt32() != FormatVersion)
        {
            throw new InvalidDataException($"Model {version} was stored in a format this build does not read.");
        }

        var defaultVersion = reader.ReadString();
        if (reader.ReadInt32() != HashedNgrams.Dimension || reader.ReadInt32() != SiteFeatures.DenseDimension)
        {
            throw new InvalidDataException($"Model {version} reads features this build does not give.");
        }

        var idfs = new float[reader.ReadInt32()][];
        for (var n = 0; n < idfs.Length; n++)
        {
            idfs[n] = new float[HashedNgrams.Dimension];
            for (var i = 0; i < HashedNgrams.Dimension; i++)
            {
                idfs[n][i] = reader.ReadSingle();
            }
        }

        var count = reader.ReadInt32();
        var heads = new List<SiteHead>(count);
        for (var n = 0; n < count; n++)
        {
            var category = reader.ReadString();
            var idf = idfs[reader.ReadInt32()];
            var positives = reader.ReadInt32();
            var l2 = reader.ReadDouble();
            var threshold = reader.ReadDouble();
            var bias = reader.ReadSingle();
            var dense = new float[SiteFeatures.DenseDimension];
            for (var d = 0; d < dense.Length; d++)
            {
                dense[d] = reader.ReadSingle();
            }

            var length = reader.ReadInt32();
            var indices = new int[length];
            var weights = new float[length];
            for (var i = 0; i < length; i++)
            {
                indices[i] = reader.ReadInt32();
                weights[i] = reader.ReadSingle();
            }

            heads.Add(new SiteHead(category, positives, l2, threshold, bias, dense, indices, weights, idf));
        }

        return new SiteModel(version, defaultVersion, heads);
    }
}
