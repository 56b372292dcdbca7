using Moderation.Classification.Domain;
using Moderation.Classification.Learning;
using Moderation.Contracts;

namespace Moderation.Classification.Tests;

public sealed class PromotionTests
{
    private static SiteHead Head(string category, float bias) =>
        new(category, 10, 1e-4, 0.5, bias, new float[SiteFeatures.DenseDimension], [], [], new float[HashedNgrams.Dimension]);

    private static Dictionary<string, CategoryQuality> Quality(params (string Category, double Auprc)[] measured) =>
        Categories.All.ToDictionary(c => c, c => measured.FirstOrDefault(m => m.Category == c) is { Category: not null } m
            ? new CategoryQuality(5, 50, 0, 0, 0, m.Auprc) : new CategoryQuality(0, 50, 0, 0, 0, 0));

    [Fact]
    public void Each_category_takes_the_candidate_only_when_it_is_no_worse_and_otherwise_keeps_the_head_in_force()
    {
        var inForce = new SiteModel("site-1", "default-x", [Head(Categories.Hate, 1), Head(Categories.Spam, 2)]);
        var candidate = new SiteModel("site-2", "default-x", [Head(Categories.Hate, 3), Head(Categories.Spam, 4), Head(Categories.Harassment, 5), Head(Categories.Profanity, 6)]);
        var candidateQuality = Quality((Categories.Hate, 0.9), (Categories.Spam, 0.5), (Categories.Harassment, 0.7), (Categories.Profanity, 0.6));
        var baselineQuality = Quality((Categories.Hate, 0.8), (Categories.Spam, 0.6), (Categories.Harassment, 0.7), (Categories.Profanity, 0.61));

        var (promoted, kept) = TrainingRuns.Promote(candidate, candidateQuality, inForce, baselineQuality);

        Assert.Equal([Categories.Harassment, Categories.Hate], promoted);
        Assert.Equal(3f, kept.Single(h => h.Category == Categories.Hate).Bias);
        Assert.Equal(2f, kept.Single(h => h.Category == Categories.Spam).Bias);
        Assert.Equal(5f, kept.Single(h => h.Category == Categories.Harassment).Bias);
        Assert.DoesNotContain(kept, h => h.Category == Categories.Profanity);
    }

    [Fact]
    public void A_layer_with_heads_of_several_runs_is_stored_and_read_back_whole()
    {
        var idf = Enumerable.Range(0, HashedNgrams.Dimension).Select(i => 1 + (i % 7 / 10f)).ToArray();
        var head = new SiteHead(Categories.Hate, 12, 1e-3, 0.37, -0.5f, Enumerable.Range(0, SiteFeatures.DenseDimension).Select(i => i / 1000f).ToArray(), [3, 70_000], [0.25f, -1.5f], idf);
        var layer = new SiteModel("site-3", "default-x", [head, Head(Categories.Spam, 2)]);

        var read = SiteModel.Deserialize("site-3", layer.Serialize());

        Assert.Equal("default-x", read.DefaultVersion);
        var hate = read.HeadFor(Categories.IndexOf(Categories.Hate))!;
        Assert.Equal(head.Threshold, hate.Threshold);
        Assert.Equal(head.Dense, hate.Dense);
        Assert.Equal(head.NgramIndices, hate.NgramIndices);
        Assert.Equal(idf, hate.Idf);
        Assert.Equal(2f, read.HeadFor(Categories.IndexOf(Categories.Spam))!.Bias);
    }

    [Theory]
    [InlineData(0.3, 0.3, 0.5)]
    [InlineData(0.8, 0.3, 0.5)]
    [InlineData(0.29, 0.3, 0.5)]
    [InlineData(0.9, 0.7, 0.4)]
    public void A_site_heads_decision_point_lands_on_the_policys_review_threshold(double probability, double threshold, double review)
    {
        var centred = SiteModel.Centre(probability, threshold, review);
        Assert.InRange(centred, 0, 1);
        Assert.Equal(probability >= threshold, centred >= review - 1e-12);
        Assert.Equal(SiteModel.Centre(threshold, threshold, review), review, 9);
    }
}
