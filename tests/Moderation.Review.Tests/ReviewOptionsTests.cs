using Moderation.Contracts;
using Moderation.Review.Domain.Queue;

namespace Moderation.Review.Tests;

/// <summary>The options the queue's priority and SLAs are read from, checked at start-up.</summary>
public class ReviewOptionsTests
{
    [Fact]
    public void Weights_and_slas_must_name_categories_of_the_taxonomy_with_sensible_values()
    {
        var options = new ReviewOptions();
        Assert.Empty(options.Validate(new System.ComponentModel.DataAnnotations.ValidationContext(options)));

        options.CategoryWeights["nonsense"] = 1;
        options.CategoryWeights[Categories.Hate] = 0;
        options.Sla[Categories.Spam] = TimeSpan.Zero;
        var errors = options.Validate(new System.ComponentModel.DataAnnotations.ValidationContext(options)).Select(e => e.ErrorMessage).ToList();
        Assert.Equal(3, errors.Count);
        Assert.Contains(errors, e => e!.Contains("'nonsense'", StringComparison.Ordinal));
        Assert.Contains(errors, e => e!.Contains("Review:CategoryWeights:hate", StringComparison.Ordinal));
        Assert.Contains(errors, e => e!.Contains("Review:Sla:spam", StringComparison.Ordinal));
    }

    [Fact]
    public void The_queue_priority_reads_weights_and_slas_from_the_options()
    {
        var options = new ReviewOptions { DefaultSla = TimeSpan.FromHours(2) };
        options.CategoryWeights[Categories.Hate] = 3;
        var priority = QueuePriority.From(options);
        Assert.Equal(TimeSpan.FromMinutes(15), priority.Sla(Categories.HarassmentThreatening));
        Assert.Equal(TimeSpan.FromHours(2), priority.Sla(Categories.Hate));
        Assert.Equal(150, priority.Severity(ContentKind.Article, Categories.Hate, 0.5));
        Assert.Equal(60, priority.Severity(ContentKind.Comment, Categories.Violence, 0.5));
    }
}
