using Moderation.Classification.Domain;
using Moderation.Contracts;
using Moderation.Testing;

namespace Moderation.Classification.Tests;

public class KeywordClassifierTests
{
    private static readonly KeywordClassifier Classifier = KeywordClassifier.Default;

    private static Client.ClassificationResult Comment(string text) =>
        Classifier.Classify(ContentKind.Comment, [new ContentField("body", text)]);

    [SkippableFact]
    public void The_seed_news_article_is_allowed_with_its_violence_reported_as_reporting()
    {
        var page = TestEnvironment.ReadSeedPage();
        var result = Classifier.Classify(ContentKind.Article,
            [new ContentField("title", "Trump Administration Considering 'Unprecedented' Action Against Mexican Drug Cartels"), new ContentField("body", page)]);

        Assert.Equal(Verdict.Allow, result.Verdict);
        Assert.True(result.Scores[Categories.Violence] > 0);
        Assert.Contains(result.Reasons, r => r.Category == Categories.Violence && r.Detail.Contains("(in reporting)", StringComparison.Ordinal));
    }

    [Fact]
    public void A_comment_wishing_a_named_person_vaporized_tonight_goes_to_review_with_threat_evidence()
    {
        const string text = "Sheinbaum knows what is coming. She could be vaporized in her car tonight.";
        var result = Comment(text);

        Assert.NotEqual(Verdict.Allow, result.Verdict);
        var threat = Assert.Single(result.Reasons, r => r.Category == Categories.HarassmentThreatening);
        Assert.Equal("could be vaporized in her car tonight", text[threat.Span.Start..threat.Span.End]);
        Assert.Equal("body", threat.Field);
    }

    [Fact]
    public void The_same_threatening_words_count_for_less_in_a_news_article()
    {
        const string text = "Officials said the cartel boss could be vaporized in his car tonight if the strike goes ahead.";
        var asComment = Comment(text);
        var asArticle = Classifier.Classify(ContentKind.Article, [new ContentField("body", text)]);

        Assert.True(asArticle.Scores[Categories.HarassmentThreatening] < asComment.Scores[Categories.HarassmentThreatening]);
        Assert.Equal(Verdict.Allow, asArticle.Verdict);
    }

    [Theory]
    [InlineData("A classic cocktail recipe from Scunthorpe.")]
    [InlineData("My therapist recommended the assassin's creed soundtrack.")]
    [InlineData("Thanks for sharing, this was a lovely read.")]
    public void Innocent_text_scores_nothing_and_is_allowed(string text)
    {
        var result = Comment(text);
        Assert.Equal(Verdict.Allow, result.Verdict);
        Assert.All(result.Scores.Values, score => Assert.Equal(0, score));
        Assert.Empty(result.Reasons);
    }

    [Fact]
    public void Every_category_of_the_taxonomy_is_scored_between_zero_and_one()
    {
        var result = Comment("I will kill you, you idiot. Buy now: http://a.example http://b.example mail me@example.com");
        Assert.Equal(Categories.All.OrderBy(c => c), result.Scores.Keys.OrderBy(c => c));
        Assert.All(result.Scores.Values, score => Assert.InRange(score, 0, 1));
        Assert.Equal(Verdict.Block, result.Verdict);
        Assert.Contains(result.Reasons, r => r.Category == Categories.Pii);
    }

    [Fact]
    public void Evidence_spans_point_into_the_field_they_were_found_in()
    {
        var result = Classifier.Classify(ContentKind.Comment, [new ContentField("title", "Idiot"), new ContentField("body", "you are a moron")]);
        var body = Assert.Single(result.Reasons, r => r.Field == "body");
        Assert.Equal(new EvidenceSpan(10, 15), body.Span);
        Assert.Equal(new EvidenceSpan(0, 5), Assert.Single(result.Reasons, r => r.Field == "title").Span);
        Assert.Equal(KeywordClassifier.ModelVersion, result.ModelVersion);
        Assert.Equal(KeywordClassifier.PolicyVersion, result.PolicyVersion);
    }
}
