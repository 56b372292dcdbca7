using Microsoft.ML;
using Microsoft.ML.Data;
using Moderation.Contracts;

namespace Moderation.Classification.Learning;

/// <summary>
/// Trains a site's layer: per category with enough positives, a <see cref="BalancedLogisticRegression"/>
/// with the L2 penalty chosen from a grid by 3-fold cross-validation on the training part and the
/// decision point chosen on the out-of-fold scores. Seeded and deterministic.
/// </summary>
public static class SiteTrainer
{
    /// <summary>A category with fewer positives than this gets no head: the default model goes on scoring it.</summary>
    public const int MinimumPositives = 10;

    private const int Folds = 3;
    private static readonly double[] PenaltyGrid = [1e-5, 1e-4, 1e-3];

    /// <summary>The n-gram weights re-weighted by the IDF of the training texts, as the model reads them.</summary>
    public static float[] InverseDocumentFrequencies(IReadOnlyList<SiteExample> training) =>
        HashedNgrams.InverseDocumentFrequencies(training.Select(e => e.NgramIndices).ToList());

    public static List<SiteHead> Train(IReadOnlyList<SiteExample> training, float[] idf, double? precisionTarget)
    {
        ArgumentNullException.ThrowIfNull(training);
        var ml = new MLContext(seed: 1);
        var features = training.Select(e => Vector(e, idf)).ToArray();
        var heads = new List<SiteHead>();
        foreach (var category in Categories.All)
        {
            var labels = training.Select(e => e.Labels.TryGetValue(category, out var label) && label == 1).ToArray();
            var positives = labels.Count(l => l);
            if (positives < MinimumPositives || labels.Length - positives < MinimumPositives)
            {
                continue;
            }

            var (penalty, outOfFold) = ChoosePenalty(ml, features, labels);
            var threshold = ChooseThreshold(outOfFold, labels, precisionTarget);
            var (bias, weights) = BalancedLogisticRegression.Fit(ml, features, labels, Enumerable.Range(0, labels.Length).ToArray(), penalty);
            var ngramIndices = new List<int>();
            var ngramWeights = new List<float>();
            for (var i = 0; i < HashedNgrams.Dimension; i++)
            {
                if (weights[i] != 0)
                {
                    ngramIndices.Add(i);
                    ngramWeights.Add(weights[i]);
                }
            }

            heads.Add(new SiteHead(category, positives, penalty, threshold, bias, weights[HashedNgrams.Dimension..], [.. ngramIndices], [.. ngramWeights], idf));
        }

        return heads;
    }

    /// <summary>
    /// The penalty whose out-of-fold scores reach the best F1 at their best decision point, and those
    /// scores. The fits of every penalty and fold run side by side, each with its own seeded context,
    /// so the result does not depend on their order.
    /// </summary>
    public static (double Penalty, double[] OutOfFold) ChoosePenalty(MLContext ml, VBuffer<float>[] features, bool[] labels)
    {
        ArgumentNullException.ThrowIfNull(labels);
        var scores = PenaltyGrid.Select(_ => new double[labels.Length]).ToArray();
        var fits = PenaltyGrid.SelectMany((_, p) => Enumerable.Range(0, Folds).Select(fold => (Penalty: p, Fold: fold))).ToList();
        Parallel.ForEach(fits, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, fit =>
        {
            var train = Enumerable.Range(0, labels.Length).Where(i => i % Folds != fit.Fold).ToArray();
            var (bias, weights) = BalancedLogisticRegression.Fit(new MLContext(seed: 1), features, labels, train, PenaltyGrid[fit.Penalty]);
            for (var i = fit.Fold; i < labels.Length; i += Folds)
            {
                scores[fit.Penalty][i] = SiteModel.Sigmoid(bias + BalancedLogisticRegression.Dot(weights, features[i]));
            }
        });
        var best = Enumerable.Range(0, PenaltyGrid.Length).MaxBy(p => (BestF1(scores[p], labels).F1, -p));
        return (PenaltyGrid[best], scores[best]);
    }

    /// <summary>The lowest score reaching the precision target, or else the point of best F1.</summary>
    public static double ChooseThreshold(double[] scores, bool[] labels, double? precisionTarget)
    {
        ArgumentNullException.ThrowIfNull(scores);
        ArgumentNullException.ThrowIfNull(labels);
        if (precisionTarget is { } target)
        {
            var order = Enumerable.Range(0, scores.Length).OrderByDescending(i => scores[i]).ToArray();
            var (truePositives, threshold) = (0, 1.0);
            for (var n = 0; n < order.Length; n++)
            {
                truePositives += labels[order[n]] ? 1 : 0;
                if (truePositives / (double)(n + 1) >= target && (n + 1 == order.Length || scores[order[n + 1]] < scores[order[n]]))
                {
                    threshold = scores[order[n]];
                }
            }

            return threshold;
        }

        return BestF1(scores, labels).Threshold;
    }

    private static (double F1, double Threshold) BestF1(double[] scores, bool[] labels)
    {
        var positives = labels.Count(l => l);
        var order = Enumerable.Range(0, scores.Length).OrderByDescending(i => scores[i]).ToArray();
        var best = (F1: 0.0, Threshold: 0.5);
        var truePositives = 0;
        for (var n = 0; n < order.Length; n++)
        {
            truePositives += labels[order[n]] ? 1 : 0;
            if (n + 1 < order.Length && scores[order[n + 1]] == scores[order[n]])
            {
                continue;
            }

            var f1 = 2.0 * truePositives / (n + 1 + positives);
            if (f1 > best.F1)
            {
                // Midway to the next lower score, so the point generalises rather than sitting on one example.
                var next = n + 1 < order.Length ? scores[order[n + 1]] : 0;
                best = (f1, (scores[order[n]] + next) / 2);
            }
        }

        return best;
    }

    private static VBuffer<float> Vector(SiteExample example, float[] idf)
    {
        var count = example.NgramIndices.Length;
        var indices = new int[count + example.Dense.Length];
        var values = new float[count + example.Dense.Length];
        var norm = 0.0;
        for (var i = 0; i < count; i++)
        {
            indices[i] = example.NgramIndices[i];
            values[i] = example.NgramValues[i] * idf[example.NgramIndices[i]];
            norm += values[i] * values[i];
        }

        var scale = norm == 0 ? 0f : (float)(1 / Math.Sqrt(norm));
        for (var i = 0; i < count; i++)
        {
            values[i] *= scale;
        }

        for (var d = 0; d < example.Dense.Length; d++)
        {
            indices[count + d] = HashedNgrams.Dimension + d;
            values[count + d] = example.Dense[d];
        }

        return new VBuffer<float>(SiteFeatures.Dimension, indices.Length, values, indices);
    }
}
