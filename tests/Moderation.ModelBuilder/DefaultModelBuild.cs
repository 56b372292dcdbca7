using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.ML;
using Microsoft.ML.Data;
using Moderation.Classification.Domain;
using Moderation.Classification.Embeddings;
using Moderation.Classification.Learning;
using Moderation.Classification.Policy;
using Moderation.Contracts;
using Moderation.Corpora;

namespace Moderation.ModelBuilder;

/// <summary>How one category's head was trained and how it did on the calibration split.</summary>
public sealed record HeadReport(string Category, int TrainPositives, int TrainCount, int CalibrationPositives, int CalibrationCount, double Penalty, double CalibrationAuprc);

/// <summary>
/// Trains the default model's heads: per category, the texts of the sources that label it (train
/// split), a <see cref="BalancedLogisticRegression"/> for each penalty of a grid, the one with the
/// best AUPRC on the calibration split kept, then Platt-calibrated on that split so that its score
/// is a probability. Test splits are never read. Deterministic: same corpora, same model.
/// </summary>
public static class DefaultModelBuild
{
    private const int MinimumPositives = 20;
    private static readonly double[] PenaltyGrid = [1e-4, 1e-3, 1e-2];

    public static (DefaultModelFile Model, List<HeadReport> Reports) Train(IReadOnlyList<CorpusText> texts, EmbeddingCache cache)
    {
        ArgumentNullException.ThrowIfNull(texts);
        ArgumentNullException.ThrowIfNull(cache);
        var policy = CompiledPolicy.LoadDefault();
        var learning = texts.Where(t => t.Split != CorpusSplit.Test).ToList();
        var features = learning.Select(t => new VBuffer<float>(ModelFeatures.Dimension, CorpusFeatures.Of(policy, t, cache[t.Text]))).ToArray();
        var ml = new MLContext(seed: 1);
        var heads = new List<CategoryHead>();
        var reports = new List<HeadReport>();
        foreach (var category in Categories.All)
        {
            var train = Enumerable.Range(0, learning.Count).Where(i => learning[i].Split == CorpusSplit.Train && learning[i].Labels.ContainsKey(category)).ToArray();
            var calibration = Enumerable.Range(0, learning.Count).Where(i => learning[i].Split == CorpusSplit.Calibration && learning[i].Labels.ContainsKey(category)).ToArray();
            var labels = learning.Select(t => t.Labels.TryGetValue(category, out var label) && label == 1).ToArray();
            var (trainPositives, calibrationPositives) = (train.Count(i => labels[i]), calibration.Count(i => labels[i]));
            if (trainPositives < MinimumPositives || calibrationPositives < 5 || train.Length - trainPositives < MinimumPositives)
            {
                Console.WriteLine($"{category}: no head ({trainPositives} positives to train, {calibrationPositives} to calibrate): its rules score it");
                continue;
            }

            var best = (Penalty: 0.0, Bias: 0f, Weights: Array.Empty<float>(), Auprc: -1.0);
            foreach (var penalty in PenaltyGrid)
            {
                var (bias, weights) = BalancedLogisticRegression.Fit(ml, features, labels, train, penalty);
                var auprc = QualityMetrics.Measure(calibration.Select(i => (bias + BalancedLogisticRegression.Dot(weights, features[i]), labels[i])).ToList(), 0).Auprc;
                if (auprc > best.Auprc)
                {
                    best = (penalty, bias, weights, auprc);
                }
            }

            var margins = calibration.Select(i => best.Bias + BalancedLogisticRegression.Dot(best.Weights, features[i])).ToList();
            var (scale, offset) = BalancedLogisticRegression.Platt(ml, margins, calibration.Select(i => labels[i]).ToList());
            heads.Add(new CategoryHead(category, best.Weights, best.Bias, scale, offset, trainPositives));
            reports.Add(new HeadReport(category, trainPositives, train.Length, calibrationPositives, calibration.Length, best.Penalty, best.Auprc));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{category}: {trainPositives}/{train.Length} train, {calibrationPositives}/{calibration.Length} calibration, L2 {best.Penalty:g}, calibration AUPRC {best.Auprc:0.000}"));
        }

        var version = $"default-{Hash(heads)}";
        return (new DefaultModelFile(version, EncoderModelFiles.ModelName, ModelFeatures.Dimension, heads), reports);
    }

    /// <summary>A version named by the weights themselves, so the same build gives the same name.</summary>
    private static string Hash(List<CategoryHead> heads)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var head in heads)
        {
            hash.AppendData(Encoding.UTF8.GetBytes(head.Category));
            foreach (var weight in head.Weights)
            {
                hash.AppendData(BitConverter.GetBytes(weight));
            }

            hash.AppendData(BitConverter.GetBytes(head.Bias));
            hash.AppendData(BitConverter.GetBytes(head.PlattScale));
            hash.AppendData(BitConverter.GetBytes(head.PlattOffset));
        }

        return Convert.ToHexString(hash.GetHashAndReset())[..10].ToLowerInvariant();
    }
}
