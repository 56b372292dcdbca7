using System.Text.Json;
using MassTransit;
using MassTransit.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Moderation.Contracts;
using Moderation.Messaging;
using Moderation.Review.Domain;
using Moderation.Review.Storage;
using Moderation.Review.Storage.Documents;
using Moderation.Testing;

namespace Moderation.Review.Tests;

/// <summary>
/// The batch carriers on MassTransit's test harness: every item of a batch ends as it would have
/// alone, and the policy's decisions on a batch leave as one <see cref="BatchDecided"/>.
/// </summary>
public sealed class ReviewBatchConsumerTests : IAsyncLifetime
{
    private static readonly Verdict[] VerdictMix = [Verdict.Allow, Verdict.Block, Verdict.Review];

    private ConsumerHarness _consumers = null!;
    private ITestHarness _harness = null!;
    private IReviewQueue _queue = null!;

    public async Task InitializeAsync() => await StartAsync();

    public async Task DisposeAsync() => await _consumers.DisposeAsync();

    [Fact]
    public async Task A_batch_of_120_results_ends_as_120_single_results_would_with_its_policy_decisions_in_one_BatchDecided()
    {
        var batch = Submissions(120);
        var singles = Submissions(120);
        var batchId = Guid.NewGuid();
        await _harness.Bus.Publish(new BatchSubmitted(batchId, [.. batch.Where(s => s.Article is not null).Select(s => s.Article!)],
            [.. batch.Where(s => s.Comment is not null).Select(s => s.Comment!)], ReviewSamples.Now));
        await _harness.Bus.Publish(new BatchClassified(batchId, [.. batch.Select(s => s.Classified)], ReviewSamples.Now));
        foreach (var single in singles)
        {
            await _harness.Bus.Publish((object?)single.Article ?? single.Comment!);
            await _harness.Bus.Publish(single.Classified);
        }

        await ConsumedAsync<BatchClassified>(1);
        await ConsumedAsync<ContentClassified>(singles.Count);
        await ConsumedAsync<BatchSubmitted>(1);
        await ConsumedAsync<ArticleSubmitted>(singles.Count(s => s.Article is not null));
        await ConsumedAsync<CommentSubmitted>(singles.Count(s => s.Comment is not null));
        await AssertNoFaultsAsync();

        var batchDecided = Assert.Single(_harness.Published.Select<BatchDecided>()).Context.Message;
        Assert.Equal(batchId, batchDecided.BatchId);
        Assert.Equal(batch.Where(s => s.Classified.Verdict != Verdict.Review).Select(s => s.Classified.SubmissionId), batchDecided.Decisions.Select(d => d.SubmissionId));
        var singleDecisions = _harness.Published.Select<ModerationDecided>().Select(m => m.Context.Message).ToDictionary(d => d.SubmissionId);
        Assert.Equal(80, singleDecisions.Count);
        for (var i = 0; i < batch.Count; i++)
        {
            var batchItem = await _queue.GetBySubmissionAsync(batch[i].Classified.SubmissionId, CancellationToken.None);
            var singleItem = await _queue.GetBySubmissionAsync(singles[i].Classified.SubmissionId, CancellationToken.None);
            Assert.Equal(Comparable(singleItem!), Comparable(batchItem!));
            Assert.Equal(batch[i].Classified.Verdict == Verdict.Review, batchItem!.IsQueued);
            if (batch[i].Classified.Verdict != Verdict.Review)
            {
                var decision = batchDecided.Decisions.Single(d => d.SubmissionId == batchItem.SubmissionId);
                Assert.Equal(Comparable(singleDecisions[singleItem!.SubmissionId]), Comparable(decision));
                Assert.Equal(decision.DecisionId, Assert.Single(batchItem.Decisions).Event.DecisionId);
            }
        }

        Assert.Empty(await _queue.ListPendingAsync(DateTimeOffset.MaxValue, 1_000, CancellationToken.None));
        var queued = await _queue.ListAsync(new ReviewQuery(ReviewItemState.Pending, null, 1, 200, DateTimeOffset.UtcNow), CancellationToken.None);
        Assert.Equal(80, queued.Total);
    }

    [Fact]
    public async Task A_redelivered_batch_publishes_nothing_new_and_changes_nothing()
    {
        var batch = Submissions(30);
        var submitted = new BatchSubmitted(Guid.NewGuid(), [.. batch.Where(s => s.Article is not null).Select(s => s.Article!)],
            [.. batch.Where(s => s.Comment is not null).Select(s => s.Comment!)], ReviewSamples.Now);
        var classified = new BatchClassified(submitted.BatchId, [.. batch.Select(s => s.Classified)], ReviewSamples.Now);
        await _harness.Bus.Publish(submitted);
        await ConsumedAsync<BatchSubmitted>(1);
        await _harness.Bus.Publish(classified);
        await ConsumedAsync<BatchClassified>(1);
        var before = await StoredAsync(batch);

        await _harness.Bus.Publish(submitted);
        await _harness.Bus.Publish(classified);
        await ConsumedAsync<BatchSubmitted>(2);
        await ConsumedAsync<BatchClassified>(2);

        await AssertNoFaultsAsync();
        Assert.Equal(before, await StoredAsync(batch));
        Assert.Equal(20, Assert.Single(_harness.Published.Select<BatchDecided>()).Context.Message.Decisions.Count);
        Assert.False(await _harness.Published.Any<ModerationDecided>());
        Assert.Empty(await _queue.ListPendingAsync(DateTimeOffset.MaxValue, 1_000, CancellationToken.None));
    }

    [Fact]
    public async Task A_batch_of_review_verdicts_only_queues_them_and_publishes_no_decision()
    {
        var batch = Submissions(9).Where(s => s.Classified.Verdict == Verdict.Review).ToList();
        await _harness.Bus.Publish(new BatchClassified(Guid.NewGuid(), [.. batch.Select(s => s.Classified)], ReviewSamples.Now));
        await _harness.Bus.Publish(new BatchSubmitted(Guid.NewGuid(), [.. batch.Where(s => s.Article is not null).Select(s => s.Article!)],
            [.. batch.Where(s => s.Comment is not null).Select(s => s.Comment!)], ReviewSamples.Now));

        await ConsumedAsync<BatchClassified>(1);
        await ConsumedAsync<BatchSubmitted>(1);
        await AssertNoFaultsAsync();
        var queued = await _queue.ListAsync(new ReviewQuery(ReviewItemState.Pending, null, 1, 20, DateTimeOffset.UtcNow), CancellationToken.None);
        Assert.Equal(batch.Select(s => s.Classified.SubmissionId).Order(), queued.Items.Select(i => i.SubmissionId).Order());
        Assert.All(queued.Items, i => Assert.NotNull(i.Text));
        Assert.False(await _harness.Published.Any<BatchDecided>());
        Assert.False(await _harness.Published.Any<ModerationDecided>());
    }

    [Fact]
    public async Task A_batch_keeps_the_thread_of_a_reply_to_an_earlier_comment_of_the_same_batch_and_of_one_already_kept()
    {
        var articleId = Guid.NewGuid();
        var kept = Comment(articleId, "The comment Review already has.");
        await _harness.Bus.Publish(kept);
        await ConsumedAsync<CommentSubmitted>(1);
        var article = new ArticleSubmitted(Guid.NewGuid(), articleId, "news.example", "The article", "The article's body.", null, null, null, null, ReviewSamples.Now);
        var first = Comment(articleId, "First in the batch.");
        var replyToFirst = Comment(articleId, "Answering the first.", first.CommentId);
        var replyToReply = Comment(articleId, "Answering the answer.", replyToFirst.CommentId);
        var replyToKept = Comment(articleId, "Answering the one kept before.", kept.CommentId);

        await _harness.Bus.Publish(new BatchSubmitted(Guid.NewGuid(), [article], [first, replyToFirst, replyToReply, replyToKept], ReviewSamples.Now));
        await ConsumedAsync<BatchSubmitted>(1);

        await AssertNoFaultsAsync();
        var articleItem = await _queue.GetBySubmissionAsync(article.SubmissionId, CancellationToken.None);
        Assert.Equal((ContentKind.Article, "The article", "The article's body."), (articleItem!.Kind, articleItem.Title, articleItem.Text));
        foreach (var (comment, parentText) in new[]
        {
            (first, (string?)null),
            (replyToFirst, first.Body),
            (replyToReply, replyToFirst.Body),
            (replyToKept, kept.Body),
        })
        {
            var item = await _queue.GetByCommentAsync(comment.CommentId, CancellationToken.None);
            Assert.Equal((comment.SubmissionId, ContentKind.Comment, "The article", comment.Body), (item!.SubmissionId, item.Kind, item.Title, item.Text));
            Assert.Equal((comment.ParentCommentId, parentText), (item.ParentCommentId, item.ParentText));
        }
    }

    [Fact]
    public async Task Policy_decisions_of_a_batch_whose_publish_failed_are_published_one_by_one_by_the_sweeper()
    {
        await _consumers.DisposeAsync();
        await StartAsync(bus => bus.UsingInMemory((context, configurator) =>
        {
            configurator.ConfigurePublish(publish => publish.UseExecute(sent =>
            {
                if (sent is PublishContext<BatchDecided>)
                {
                    throw new InvalidOperationException("The broker took no BatchDecided.");
                }
            }));
            configurator.ConfigureEndpoints(context);
        }));
        var batch = Submissions(6);
        await _harness.Bus.Publish(new BatchClassified(Guid.NewGuid(), [.. batch.Select(s => s.Classified)], ReviewSamples.Now));
        await ConsumedAsync<BatchClassified>(1);
        Assert.False(await _harness.Published.Any<Fault<BatchClassified>>());
        var pending = await _queue.ListPendingAsync(DateTimeOffset.MaxValue, 100, CancellationToken.None);
        Assert.Equal(4, pending.Count);

        var sweeper = new PendingEventSweeper([_queue], _consumers.Services.GetRequiredService<ReliablePublisher>(),
            Options.Create(new OutboxOptions { Grace = TimeSpan.Zero }), TimeProvider.System, NullLogger<PendingEventSweeper>.Instance);
        Assert.Equal(4, await sweeper.SweepAsync(_queue, CancellationToken.None));

        var republished = _harness.Published.Select<ModerationDecided>().Select(m => m.Context.Message).ToList();
        Assert.Equal(pending.Select(p => ((ModerationDecided)p.Message).DecisionId).Order(), republished.Select(d => d.DecisionId).Order());
        Assert.Equal(batch.Where(s => s.Classified.Verdict != Verdict.Review).Select(s => s.Classified.SubmissionId).Order(), republished.Select(d => d.SubmissionId).Order());
        Assert.Empty(await _queue.ListPendingAsync(DateTimeOffset.MaxValue, 100, CancellationToken.None));
    }

    private async Task StartAsync(Action<IBusRegistrationConfigurator>? bus = null)
    {
        _consumers = await ReviewConsumerHarness.StartAsync(bus);
        _harness = _consumers.Harness;
        _queue = _consumers.Services.GetRequiredService<IReviewQueue>();
    }

    /// <summary>Articles and comments, each with a classification, their verdicts going allow, block, review in turn.</summary>
    private static List<Submission> Submissions(int count) =>
        [.. Enumerable.Range(0, count).Select(i =>
        {
            var submissionId = Guid.NewGuid();
            var verdict = VerdictMix[i % VerdictMix.Length];
            var kind = i % 2 == 0 ? ContentKind.Article : ContentKind.Comment;
            var score = verdict switch { Verdict.Allow => 0.1, Verdict.Block => 0.95, _ => 0.5 + i / 1_000.0 };
            var classified = ReviewSamples.Classified(submissionId, verdict, score, kind, category: Categories.All[i % Categories.All.Count]);
            return kind == ContentKind.Article
                ? new Submission(new ArticleSubmitted(submissionId, Guid.NewGuid(), "news.example", $"Title {i}", $"Body {i}", null, null, null, null, ReviewSamples.Now), null, classified)
                : new Submission(null, Comment(Guid.NewGuid(), $"Comment {i}") with { SubmissionId = submissionId }, classified);
        })];

    private static CommentSubmitted Comment(Guid articleId, string body, Guid? parentCommentId = null) =>
        new(Guid.NewGuid(), Guid.NewGuid(), articleId, parentCommentId, "news.example", "reader", body, "The article", ReviewSamples.Now);

    /// <summary>What a moderator or the audit would see of an item, without its ids and the moments it was stored.</summary>
    private static string Comparable(ReviewItem item) => JsonSerializer.Serialize(new
    {
        item.Kind, item.Title, item.Text, item.ParentText, item.Verdict, item.PolicyVersion, item.Scores, item.Reasons, item.TopCategory,
        item.Severity, item.Priority, item.DueAt, item.IsQueued, item.State, item.Escalated,
        Decision = item.Decision is { } d ? new { d.Outcome, d.ActorKind, d.Actor, d.ReasonCode, d.Note } : null,
        Decisions = item.Decisions.Select(s => new { s.Event.Outcome, s.Event.IsFinal, Published = s.PublishedAt is not null }),
    }, ModerationJson.Options);

    private static ModerationDecided Comparable(ModerationDecided decision) =>
        decision with { SubmissionId = Guid.Empty, DecisionId = Guid.Empty, OccurredAt = default };

    private async Task<List<string>> StoredAsync(IEnumerable<Submission> submissions)
    {
        var stored = new List<string>();
        foreach (var submission in submissions)
        {
            var item = await _queue.GetBySubmissionAsync(submission.Classified.SubmissionId, CancellationToken.None);
            stored.Add($"{item!.State} {ReviewItemDocument.Write(item)}");
        }

        return stored;
    }

    private Task ConsumedAsync<T>(int count)
        where T : class =>
        Eventually.GetAsync(() => Task.FromResult(_harness.Consumed.Select<T>().Count()), c => c >= count, TimeSpan.FromSeconds(60), $"{count} {typeof(T).Name} consumed");

    // Every Fault<T> is published as Fault too: this catches a fault of any message type.
    private async Task AssertNoFaultsAsync() => Assert.False(await _harness.Published.Any<Fault>());

    private sealed record Submission(ArticleSubmitted? Article, CommentSubmitted? Comment, ContentClassified Classified);
}
