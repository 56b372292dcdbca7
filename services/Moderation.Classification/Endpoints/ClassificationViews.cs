using Moderation.Classification.Domain;
using Moderation.Classification.Learning;
using Moderation.Client;

namespace Moderation.Classification.Endpoints;

/// <summary>The public API's views of the classifier's outcomes and model versions: the only place the service's types become <see cref="Moderation.Client"/>'s.</summary>
public static class ClassificationViews
{
    public static ClassificationResult ToResult(this ClassificationOutcome outcome)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        return new ClassificationResult(outcome.Verdict, outcome.Scores, outcome.Reasons, outcome.ModelVersion, outcome.PolicyVersion);
    }

    public static ModelVersionView ToView(this SiteModelVersion model)
    {
        ArgumentNullException.ThrowIfNull(model);
        return new ModelVersionView(
            model.Version, model.CreatedAt, model.Promoted, model.TrainingExamples, model.HeldOutExamples, model.MacroAuprc,
            model.BaselineMacroAuprc, model.ComparedWith,
            model.Categories.ToDictionary(c => c.Key, c => ToView(c.Value), StringComparer.Ordinal),
            model.PromotedCategories);
    }

    private static CategoryMetrics ToView(CategoryEvaluation category) => new(
        category.Positives, category.HeldOut, category.Precision, category.Recall, category.F1, category.Auprc,
        category.BaselineAuprc, category.BaselineF1, category.Promoted, category.Threshold);
}
