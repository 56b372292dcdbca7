using MassTransit;
using MassTransit.Testing;
using Microsoft.Extensions.DependencyInjection;
using Moderation.Classification.Storage;
using Moderation.Contracts;
using Moderation.Testing;

namespace Moderation.Classification.Tests;

public sealed class ConsumerTests : IAsyncLifetime
{
    private ConsumerHarness _consumers = null!;
    private ITestHarness _harness = null!;

    public async Task InitializeAsync()
    {
        _consumers = await ClassificationConsumers.StartAsync();
        _harness = _consumers.Harness;
    }

    public async Task DisposeAsync() => await _consumers.DisposeAsync();

    private ITrainingStore Training => _consumers.Services.GetRequiredService<ITrainingStore>();

    [Fact]
    public async Task A_threatening_comment_is_classified_for_review_without_a_fault()
    {
        var id = Guid.NewGuid();
        await _harness.Bus.Publish(new CommentSubmitted(id, Guid.NewGuid(), Guid.NewGuid(), null, "news.example", "reader",
            "I will kill you tonight.", "Title", DateTimeOffset.UtcNow));

        Assert.True(await _harness.Published.Any<ContentClassified>(m => m.Context.Message.SubmissionId == id));
        Assert.False(await _harness.Published.Any<Fault<CommentSubmitted>>());
        var classified = _harness.Published.Select<ContentClassified>().Single(m => m.Context.Message.SubmissionId == id).Context.Message;
        Assert.Equal(Verdict.Block, classified.Verdict);
        Assert.Equal(ContentKind.Comment, classified.Kind);
    }

    [Fact]
    public async Task A_redelivered_article_gets_the_stored_result_again_not_a_new_one()
    {
        var article = new ArticleSubmitted(Guid.NewGuid(), Guid.NewGuid(), "news.example", "Title", "A calm report on the weather.",
            null, null, null, null, DateTimeOffset.UtcNow);
        await _harness.Bus.Publish(article);
        await Eventually.GetAsync(() => Task.FromResult(_harness.Published.Select<ContentClassified>().Count()), c => c == 1);
        await _harness.Bus.Publish(article);
        await Eventually.GetAsync(() => Task.FromResult(_harness.Published.Select<ContentClassified>().Count()), c => c == 2);

        var results = _harness.Published.Select<ContentClassified>().Select(m => m.Context.Message).ToList();
        Assert.All(results, r => Assert.Equal(Verdict.Allow, r.Verdict));
        Assert.Equal(results[0].OccurredAt, results[1].OccurredAt);
        Assert.False(await _harness.Published.Any<Fault<ArticleSubmitted>>());
    }

    [Fact]
    public async Task The_same_comment_posted_again_and_again_from_one_source_becomes_spam()
    {
        var ids = Enumerable.Range(0, 3).Select(_ => Guid.NewGuid()).ToList();
        foreach (var id in ids)
        {
            await _harness.Bus.Publish(new CommentSubmitted(id, Guid.NewGuid(), Guid.NewGuid(), null, "forum.example", "bot",
                "Great article, read more on my page", "Title", DateTimeOffset.UtcNow));
            Assert.True(await _harness.Consumed.Any<CommentSubmitted>(m => m.Context.Message.SubmissionId == id));
        }

        var results = await Eventually.GetAsync(
            () => Task.FromResult(_harness.Published.Select<ContentClassified>().Select(m => m.Context.Message).Where(m => ids.Contains(m.SubmissionId)).ToList()),
            r => r.Count == 3);
        Assert.Equal(Verdict.Allow, results.Single(r => r.SubmissionId == ids[0]).Verdict);
        Assert.NotEqual(Verdict.Allow, results.Single(r => r.SubmissionId == ids[2]).Verdict);
    }

    [Fact]
    public async Task A_moderators_labelled_decision_becomes_one_training_example_of_the_classified_text_even_when_redelivered()
    {
        var id = Guid.NewGuid();
        await _harness.Bus.Publish(new CommentSubmitted(id, Guid.NewGuid(), Guid.NewGuid(), null, "news.example", "reader",
            "You people are a disgrace.", "Title", DateTimeOffset.UtcNow));
        Assert.True(await _harness.Published.Any<ContentClassified>(m => m.Context.Message.SubmissionId == id));
        var decision = new ModerationDecided(id, Guid.NewGuid(), DecisionOutcome.Remove, DecisionActorKind.Moderator, "mod-1", "harassment", null,
            new Dictionary<string, int> { [Categories.Harassment] = 1, ["not-a-category"] = 1 }, true, DateTimeOffset.UtcNow);

        await _harness.Bus.Publish(decision);
        await _harness.Bus.Publish(decision);
        await _harness.Bus.Publish(decision with { DecisionId = Guid.NewGuid(), Labels = null });
        await Eventually.GetAsync(() => Task.FromResult(_harness.Consumed.Select<ModerationDecided>().Count()), c => c == 3);

        var example = Assert.Single(await Training.ListExamplesAsync(100, CancellationToken.None));
        Assert.Equal("You people are a disgrace.", example.Text);
        Assert.Equal(new Dictionary<string, int> { [Categories.Harassment] = 1 }, example.Labels);
        Assert.Equal(ContentKind.Comment, example.Kind);
        Assert.False(await _harness.Published.Any<Fault<ModerationDecided>>());
    }
}
