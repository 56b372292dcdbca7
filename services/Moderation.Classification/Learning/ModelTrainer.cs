using Microsoft.ML;
using Microsoft.ML.Calibrators;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers;
using Microsoft.ML.Transforms.Text;
using Moderation.Contracts;

namespace Moderation.Classification.Learning;

/// <summary>A text with a moderator's or importer's labels: 1 where a category applies; a category not named counts as 0.</summary>
public sealed record LabelledText(ContentKind Kind, string Text, IReadOnlyDictionary<string, int> Labels);

/// <summary>
/// Trains a <see cref="TrainedModel"/>: word 1-2-grams and character 3-grams featurized once, then
/// an L-BFGS logistic regression per category that has enough positives and negatives. Seeded and
/// single-threaded, so the same examples give the same model.
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
        var data = ml.Data.LoadFromEnumerable(examples.Select(e => new ModelInput { Text = ModelInput.Prepare(e.Kind, e.Text) }).ToList());
        var featurizer = ml.Transforms.Text.FeaturizeText(FeaturesColumn, new TextFeaturizingEstimator.Options
        {
            CaseMode = TextNormalizingEstimator.CaseMode.Lower,
            KeepDiacritics = false,
            KeepNumbers = true,
            KeepPunctuations = false,
            WordFeatureExtractor = new WordBagEstimator.Options { NgramLength = 2, UseAllLengths = true, MaximumNgramsCount = [50_000] },
            CharFeatureExtractor = new WordBagEstimator.Options { NgramLength = 3, UseAllLengths = false, MaximumNgramsCount = [50_000] },
            Norm = TextFeaturizingEstimator.NormFunction.L2,
        }, nameof(ModelInput.Text)).Fit(data);
        var featurized = featurizer.Transform(data);
        var dimension = ((VectorDataViewType)featurized.Schema[FeaturesColumn].Type).Size;
        // The cursor reuses one buffer for every row: each row's features are copied out of it.
        var features = featurized.GetColumn<VBuffer<float>>(FeaturesColumn).Select(Copy).ToArray();
        var schema = SchemaDefinition.Create(typeof(LabelledFeatures));
        schema[nameof(LabelledFeatures.Features)].ColumnType = new VectorDataViewType(NumberDataViewType.Single, dimension);

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

        return new TrainedModel(version, featurizer, categories, dimension);
    }

    private static VBuffer<float> Copy(VBuffer<float> row)
    {
        var copy = default(VBuffer<float>);
        row.CopyTo(ref copy);
        return copy;
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
