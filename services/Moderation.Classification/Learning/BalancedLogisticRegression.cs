using Microsoft.ML;
using Microsoft.ML.Calibrators;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers;

namespace Moderation.Classification.Learning;

/// <summary>
/// ML.NET's L-BFGS logistic regression with balanced class weights (each class weighs half of the
/// total), an L2 penalty per example (ML.NET applies its penalty to the summed loss, so it is
/// scaled by the number of rows to mean the same at any size), one thread, and no L1. Shared by
/// the offline default model and a site's layer; and Platt calibration of its margins.
/// </summary>
public static class BalancedLogisticRegression
{
    private sealed class Row
    {
        public VBuffer<float> Features { get; set; }

        public bool Label { get; set; }

        public float Weight { get; set; }
    }

    private sealed class Scored
    {
        public bool Label { get; set; }

        public float Score { get; set; }
    }

    /// <summary>
    /// Fits on the given rows; returns the bias and a weight per feature. <paramref name="rowWeights"/>
    /// (by index, like <paramref name="features"/>) weigh rows within their class before the classes are balanced.
    /// </summary>
    public static (float Bias, float[] Weights) Fit(MLContext ml, VBuffer<float>[] features, bool[] labels, int[] rows, double penalty, float[]? rowWeights = null)
    {
        ArgumentNullException.ThrowIfNull(ml);
        ArgumentNullException.ThrowIfNull(features);
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentNullException.ThrowIfNull(rows);
        var dimension = features[rows[0]].Length;
        var weightOf = (int i) => rowWeights?[i] ?? 1f;
        var positiveTotal = rows.Where(i => labels[i]).Sum(weightOf);
        var negativeTotal = rows.Where(i => !labels[i]).Sum(weightOf);
        var positiveScale = rows.Length / (2f * positiveTotal);
        var negativeScale = rows.Length / (2f * negativeTotal);
        var schema = SchemaDefinition.Create(typeof(Row));
        schema[nameof(Row.Features)].ColumnType = new VectorDataViewType(NumberDataViewType.Single, dimension);
        var data = ml.Data.LoadFromEnumerable(
            rows.Select(i => new Row { Features = features[i], Label = labels[i], Weight = weightOf(i) * (labels[i] ? positiveScale : negativeScale) }), schema);
        var model = ml.BinaryClassification.Trainers.LbfgsLogisticRegression(new LbfgsLogisticRegressionBinaryTrainer.Options
        {
            LabelColumnName = nameof(Row.Label),
            FeatureColumnName = nameof(Row.Features),
            ExampleWeightColumnName = nameof(Row.Weight),
            L1Regularization = 0,
            L2Regularization = (float)(penalty * rows.Length),
            OptimizationTolerance = 1e-5f,
            MaximumNumberOfIterations = 200,
            NumberOfThreads = 1,
        }).Fit(data).Model.SubModel;
        var weights = new float[dimension];
        var trained = model.Weights;
        for (var i = 0; i < weights.Length; i++)
        {
            weights[i] = trained[i];
        }

        return (model.Bias, weights);
    }

    public static double Dot(float[] weights, VBuffer<float> features)
    {
        ArgumentNullException.ThrowIfNull(weights);
        var sum = 0.0;
        var indices = features.GetIndices();
        var values = features.GetValues();
        if (features.IsDense)
        {
            for (var i = 0; i < values.Length; i++)
            {
                sum += weights[i] * values[i];
            }

            return sum;
        }

        for (var i = 0; i < indices.Length; i++)
        {
            sum += weights[indices[i]] * values[i];
        }

        return sum;
    }

    /// <summary>
    /// ML.NET's Platt calibration of margins against labels: p = 1 / (1 + e^-(scale·margin + offset)).
    /// </summary>
    public static (double Scale, double Offset) Platt(MLContext ml, IReadOnlyList<double> margins, IReadOnlyList<bool> labels)
    {
        ArgumentNullException.ThrowIfNull(ml);
        ArgumentNullException.ThrowIfNull(margins);
        ArgumentNullException.ThrowIfNull(labels);
        var data = ml.Data.LoadFromEnumerable(margins.Select((m, i) => new Scored { Label = labels[i], Score = (float)m }));
        IPredictionTransformer<PlattCalibrator> fitted = ml.BinaryClassification.Calibrators.Platt(nameof(Scored.Label), nameof(Scored.Score)).Fit(data);
        var calibrator = fitted.Model;
        // ML.NET's form is 1 / (1 + e^(slope·score + offset)).
        return (-calibrator.Slope, -calibrator.Offset);
    }
}
