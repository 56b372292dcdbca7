using Moderation.Classification;
using Moderation.Classification.Policy;
using Moderation.Client;
using Moderation.Contracts;
using Moderation.Testing;

namespace Moderation.SecurityTests;

/// <summary>Policies can differ per publisher: a threshold line may name one, as it may name a source.</summary>
public sealed class PublisherPolicyTests
{
    private const string CalmText = "The council met on Tuesday and agreed to repaint the library's front door.";

    private static string DefaultPolicy => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, ClassificationOptions.DefaultPolicyPath));

    /// <summary>The shipped policy with a line that makes <see cref="TestKeys.Publisher"/> very strict.</summary>
    private static string StrictForOwnPublisher =>
        DefaultPolicy.Replace("thresholds:\n", $"thresholds:\n  - {{ publisher: {TestKeys.Publisher}, review: 0.0001, block: 0.0002 }}\n", StringComparison.Ordinal);

    [Fact]
    public void A_publishers_threshold_line_applies_to_that_publisher_and_yields_to_a_category_line()
    {
        var policy = PolicyCompiler.Parse(StrictForOwnPublisher);

        Assert.Equal((0.0001, 0.0002), policy.ThresholdsFor(Categories.Harassment, ContentKind.Comment, "news.example", TestKeys.Publisher));
        Assert.Equal((0.5, 0.9), policy.ThresholdsFor(Categories.Harassment, ContentKind.Comment, "news.example", TestKeys.OtherPublisher));
        Assert.Equal((0.5, 0.9), policy.ThresholdsFor(Categories.Harassment, ContentKind.Comment, "news.example"));

        // A category's own line is more specific than a publisher's line without a category.
        Assert.Equal((0.7, 1.0), policy.ThresholdsFor(Categories.Profanity, ContentKind.Comment, "news.example", TestKeys.Publisher));
    }

    [Fact]
    public async Task The_same_text_gets_each_publishers_own_verdict_through_the_pipeline_and_in_a_dry_run()
    {
        var policyFile = Path.Combine(Path.GetTempPath(), $"publisher-policy-{Guid.NewGuid():N}.yaml");
        await File.WriteAllTextAsync(policyFile, StrictForOwnPublisher);
        try
        {
            await using var host = await SecurityHosts.StartAllInOneAsync(new Dictionary<string, string?> { ["Classification:PolicyPath"] = policyFile });
            var own = host.Client<IIngestionApi>(TestKeys.Submitter);
            var other = host.Client<IIngestionApi>(TestKeys.OtherSubmitter);
            var request = new SubmitArticleRequest("news.example", "Library door", CalmText);

            var ownArticle = await own.SubmitArticleAsync(request);
            var otherArticle = await other.SubmitArticleAsync(request);

            var ownView = await Eventually.GetAsync(() => own.GetSubmissionAsync(ownArticle.SubmissionId), v => v.Verdict is not null, what: "the own publisher's verdict");
            var otherView = await Eventually.GetAsync(() => other.GetSubmissionAsync(otherArticle.SubmissionId), v => v.Verdict is not null, what: "the other publisher's verdict");
            Assert.Equal(Verdict.Allow, otherView.Verdict);
            Assert.NotEqual(Verdict.Allow, ownView.Verdict);

            var dryRun = new ClassifyRequest(CalmText, ContentKind.Article, "news.example");
            Assert.Equal(Verdict.Allow, (await host.Client<IClassificationApi>(TestKeys.OtherSubmitter).ClassifyAsync(dryRun)).Verdict);
            Assert.NotEqual(Verdict.Allow, (await host.Client<IClassificationApi>(TestKeys.Submitter).ClassifyAsync(dryRun)).Verdict);
        }
        finally
        {
            File.Delete(policyFile);
        }
    }
}
