using Moderation.Classification.Domain;
using Moderation.Classification.Policy;
using Moderation.Contracts;

namespace Moderation.LoadDriver.Tests;

/// <summary>
/// The driver's figures are read against the mix it writes: the verdicts the default policy gives
/// its texts must be the ones it meant, whatever tag a run draws.
/// </summary>
public sealed class ContentMixTests
{
    private static readonly CompiledPolicy Policy = CompiledPolicy.LoadDefault();

    private static Verdict Classify(ContentKind kind, params ContentField[] fields) =>
        ContentClassifier.Classify(Policy, null, new ClassificationInput(kind, "load.example", fields)).Verdict;

    [Fact]
    public void Over_many_runs_every_text_gets_the_verdict_it_was_written_for()
    {
        for (var run = 0; run < 40; run++)
        {
            var tag = ContentMix.NewRunTag();
            var mix = new ContentMix(seed: run, reviewShare: 0.3, tag);
            for (var i = 0; i < 60; i++)
            {
                var (title, body) = mix.NextArticle();
                Assert.Equal(Verdict.Allow, Classify(ContentKind.Article, new ContentField("title", title), new ContentField("body", body)));
                var (comment, forReview) = mix.NextComment();
                Assert.True(
                    Classify(ContentKind.Comment, new ContentField("body", comment)) == (forReview ? Verdict.Review : Verdict.Allow),
                    $"run tag {tag}: \"{comment}\" was written {(forReview ? "for review" : "to be allowed")}");
            }
        }
    }

    [Fact]
    public void The_share_of_comments_written_for_review_is_the_one_asked_for_and_every_text_is_unique()
    {
        var mix = new ContentMix(seed: 7, reviewShare: 0.1, ContentMix.NewRunTag());
        var comments = Enumerable.Range(0, 4_000).Select(_ => mix.NextComment()).ToList();

        Assert.InRange(comments.Count(c => c.WrittenForReview), 320, 480);
        Assert.Equal(comments.Count, comments.Select(c => c.Body).Distinct().Count());
    }

    [Fact]
    public void Run_tags_are_letters_only_and_differ_between_runs()
    {
        var tags = Enumerable.Range(0, 200).Select(_ => ContentMix.NewRunTag()).ToList();

        Assert.All(tags, tag => Assert.Matches("^[a-z]{8}$", tag));
        Assert.True(tags.Distinct().Count() > 190);
    }
}
