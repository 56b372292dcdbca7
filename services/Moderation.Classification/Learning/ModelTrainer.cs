using Microsoft.ML;
using Microsoft.ML.Calibrators;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers;
using Moderation.Classification.Domain;
using Moderation.Contracts;

namespace Moderation.Classification.Learning;

/// <summary>A text with a moderator's or importer's labels: 1 where a category applies; a category not named counts as 0.</summary>
public sealed record LabelledText(ContentKind Kind, string Text, IReadOnlyDictionary<string, int> Labels);

/// <summary>
/// Trains a <see cref="TrainedModel"/>: the hashed word 1-2-grams and character 3-grams of
/// <see cref="HashedNgrams"/>, then ML.NET's L-BFGS logistic regression per category that has
/// enough positives and negatives. Seeded and single-threaded, so the same examples give the same model.
/// </summary>
public static class ModelTrainer
{
    /// <summary>A category with fewer positive examples than this gets no model: the rules alone score it.</summary>
    public const int MinimumPositives = 3;

    private const string FeaturesColumn = "Features";

    private sealed class LabelledFeatures
    {
        public VBuffer<float> Features { get; set; }

        public bool Label { get; set; }
    }

    public static TrainedModel Train(string version, IReadOnlyList<LabelledText> examples)
    {
        ArgumentNullException.ThrowIfNull(examples);
        var ml = new MLContext(seed: 1);
        var features = examples.Select(e =>
        {
            var (indices, values) = HashedNgrams.Featurize(e.Kind, TextNormalizer.Normalize(e.Text).Text);
            return new VBuffer<float>(HashedNgrams.Dimension, indices.Length, values, indices);
        }).ToArray();
        var schema = SchemaDefinition.Create(typeof(LabelledFeatures));
        schema[nameof(LabelledFeatures.Features)].ColumnType = new VectorDataViewType(NumberDataViewType.Single, HashedNgrams.Dimension);

        var categories = new List<LinearCategory>();
        for (var c = 0; c < Categories.All.Count; c++)
        {
            var category = Categories.All[c];
            var labels = examples.Select(e => e.Labels.TryGetValue(category, out var label) && label == 1).ToArray();
            var positives = labels.Count(l => l);
            if (positives < MinimumPositives || positives == labels.Length)
            {
                continue;
            }

            var rows = ml.Data.LoadFromEnumerable(features.Select((f, i) => new LabelledFeatures { Features = f, Label = labels[i] }), schema);
            var trained = ml.BinaryClassification.Trainers.LbfgsLogisticRegression(new LbfgsLogisticRegressionBinaryTrainer.Options
            {
                LabelColumnName = nameof(LabelledFeatures.Label),
                FeatureColumnName = FeaturesColumn,
                L1Regularization = 0.05f,
                L2Regularization = 0.01f,
                MaximumNumberOfIterations = 100,
                NumberOfThreads = 1,
            }).Fit(rows);
            categories.Add(ToLinear(c, positives, trained.Model));
        }

        return new TrainedModel(version, categories);
    }

    private static LinearCategory ToLinear(int category, int positives, CalibratedModelParametersBase<LinearBinaryModelParameters, PlattCalibrator> model)
    {
        var weights = model.SubModel.Weights;
        var indices = new List<int>();
        var values = new List<float>();
        for (var i = 0; i < weights.Count; i++)
        {
            if (weights[i] != 0)
            {
                indices.Add(i);
                values.Add(weights[i]);
            }
        }

        return new LinearCategory(category, positives, model.SubModel.Bias, model.Calibrator.Slope, model.Calibrator.Offset, [.. indices], [.. values]);
    }
}
