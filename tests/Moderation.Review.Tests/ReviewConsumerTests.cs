using MassTransit;
using MassTransit.Testing;
using Microsoft.Extensions.DependencyInjection;
using Moderation.Contracts;
using Moderation.Review.Storage;
using Moderation.Testing;

namespace Moderation.Review.Tests;

/// <summary>Review's consumers on MassTransit's test harness: redeliveries change nothing and publish nothing twice.</summary>
public sealed class ReviewConsumerTests : IAsyncLifetime
{
    private ConsumerHarness _consumers = null!;
    private ITestHarness _harness = null!;
    private IReviewQueue _queue = null!;

    public async Task InitializeAsync()
    {
        _consumers = await ReviewConsumerHarness.StartAsync();
        _harness = _consumers.Harness;
        _queue = _consumers.Services.GetRequiredService<IReviewQueue>();
    }

    public async Task DisposeAsync() => await _consumers.DisposeAsync();

    [Fact]
    public async Task An_allow_verdict_delivered_twice_makes_one_policy_decision_and_publishes_it_once()
    {
        var submissionId = Guid.NewGuid();
        var classified = ReviewSamples.Classified(submissionId, Verdict.Allow, 0.1);
        await _harness.Bus.Publish(new ArticleSubmitted(submissionId, Guid.NewGuid(), "news.example", "Title", "Body", null, null, null, null, ReviewSamples.Now));
        await _harness.Bus.Publish(classified);
        await _harness.Bus.Publish(classified);

        var consumer = _harness.GetConsumerHarness<Consumers.ReviewClassifiedConsumer>();
        await Eventually.GetAsync(() => Task.FromResult(consumer.Consumed.Select<ContentClassified>().Count()), c => c == 2, what: "both deliveries consumed");
        Assert.False(await _harness.Published.Any<Fault<ContentClassified>>());
        var decision = Assert.Single(_harness.Published.Select<ModerationDecided>()).Context.Message;
        Assert.Equal(DecisionOutcome.Approve, decision.Outcome);
        Assert.Equal(DecisionActorKind.Policy, decision.ActorKind);
        Assert.True(decision.IsFinal);
        var item = await _queue.GetBySubmissionAsync(submissionId, CancellationToken.None);
        Assert.Single(item!.Decisions);
        Assert.False(item.HasUnpublishedEvents);
        Assert.False(item.IsQueued);
    }

    [Fact]
    public async Task A_review_verdict_publishes_no_decision()
    {
        var submissionId = Guid.NewGuid();
        await _harness.Bus.Publish(new CommentSubmitted(submissionId, Guid.NewGuid(), Guid.NewGuid(), null, "news.example", "reader", "You will regret this.", "Title", ReviewSamples.Now));
        await _harness.Bus.Publish(ReviewSamples.Classified(submissionId, Verdict.Review));

        Assert.True(await _harness.Consumed.Any<ContentClassified>());
        Assert.False(await _harness.Published.Any<Fault<ContentClassified>>());
        Assert.False(await _harness.Published.Any<Fault<CommentSubmitted>>());
        var item = await Eventually.GetAsync(() => _queue.GetBySubmissionAsync(submissionId, CancellationToken.None), i => i?.IsQueued == true, what: "the queued item");
        Assert.Empty(item!.Decisions);
        Assert.False(await _harness.Published.Any<ModerationDecided>());
    }
}
