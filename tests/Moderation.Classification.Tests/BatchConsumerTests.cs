using System.Text.Json;
using MassTransit;
using MassTransit.Testing;
using Microsoft.Extensions.DependencyInjection;
using Moderation.Classification.Storage;
using Moderation.Contracts;
using Moderation.Storage;
using Moderation.Testing;

namespace Moderation.Classification.Tests;

/// <summary>A batch message is classified, and its decisions learned from, exactly as its items would be one by one.</summary>
public sealed class BatchConsumerTests : IAsyncLifetime
{
    private const string RepeatedSpam = "Great article, read more on my page";

    private static readonly string[] CommentTexts =
    [
        "I will kill you tonight.",
        "You people are a disgrace.",
        "She could be vaporized in her car tonight.",
        "What a lovely photo of the harbour, thanks for sharing.",
        "Call me on 555-123-4567 or write to jane.doe@example.com",
        "You idiot, shut up and read the report.",
        "The council meeting is on Thursday at the library.",
        "CLICK HERE NOW TO WIN A FREE PHONE TODAY ONLY",
        "I agree with the mayor on the parking plan.",
        "Go back where you came from, you filthy animals.",
    ];

    private static readonly string[] ArticleBodies =
    [
        "A calm report on the weather: sun in the morning, showers by the evening.",
        "Police said the gunman shot two people outside the station before he was arrested, according to witnesses.",
        "The administration is weighing drone strikes on cartel laboratories, officials said on Tuesday.",
        "The library reopens next week with longer hours and a new children's corner.",
    ];

    private ConsumerHarness _consumers = null!;

    public async Task InitializeAsync() => _consumers = await ClassificationConsumers.StartAsync();

    public async Task DisposeAsync() => await _consumers.DisposeAsync();

    private ITestHarness Harness => _consumers.Harness;

    private static ArticleSubmitted Article(int i) => new(Guid.NewGuid(), Guid.NewGuid(), $"site{i % 3}.example", $"Report {i}",
        ArticleBodies[i % ArticleBodies.Length], null, null, null, null, DateTimeOffset.UtcNow);

    private static CommentSubmitted Comment(string source, string body) =>
        new(Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), null, source, "reader", body, "Title", DateTimeOffset.UtcNow);

    /// <summary>Ten kinds of comment made distinct per item, and one text posted again and again from one source (spam from the third time on).</summary>
    private static List<CommentSubmitted> Comments(int count) => Enumerable.Range(0, count)
        .Select(i => i % 10 == 9
            ? Comment("forum.example", RepeatedSpam)
            : Comment($"site{i % 3}.example", $"{CommentTexts[i % CommentTexts.Length]} (reply {i})"))
        .ToList();

    private static BatchSubmitted Batch(IReadOnlyList<ArticleSubmitted> articles, IReadOnlyList<CommentSubmitted> comments) =>
        new(Guid.NewGuid(), articles, comments, DateTimeOffset.UtcNow);

    private async Task<BatchClassified> PublishAndWaitAsync(BatchSubmitted batch, int expectedSoFar)
    {
        await Harness.Bus.Publish(batch);
        var published = await Eventually.GetAsync(
            () => Task.FromResult(Harness.Published.Select<BatchClassified>().Select(m => m.Context.Message).Where(m => m.BatchId == batch.BatchId).ToList()),
            r => r.Count == expectedSoFar, what: $"BatchClassified number {expectedSoFar} of batch {batch.BatchId}");
        return published[^1];
    }

    private Task<ContentClassified> PublishAndWaitAsync<T>(T submission, Guid submissionId)
        where T : class => PublishAndWaitAsync(Harness, submission, submissionId);

    /// <summary>Publishes a single submission and waits for its result: polled, since the harness may still count as idle just after a publish.</summary>
    private static async Task<ContentClassified> PublishAndWaitAsync<T>(ITestHarness harness, T submission, Guid submissionId)
        where T : class
    {
        await harness.Bus.Publish(submission);
        var results = await Eventually.GetAsync(
            () => Task.FromResult(harness.Published.Select<ContentClassified>().Select(m => m.Context.Message).Where(m => m.SubmissionId == submissionId).ToList()),
            r => r.Count > 0, what: $"ContentClassified of {submissionId}");
        return results[^1];
    }

    /// <summary>The same result in every field but the time it was made (the record's own equality would compare its collections by reference).</summary>
    private static void AssertSameClassification(ContentClassified expected, ContentClassified actual) =>
        Assert.Equal(
            JsonSerializer.Serialize(expected with { OccurredAt = default }, ModerationJson.Options),
            JsonSerializer.Serialize(actual with { OccurredAt = default }, ModerationJson.Options));

    private async Task<long> CountRowsAsync(string table)
    {
        await using var connection = await _consumers.Services.GetRequiredService<SqliteDatabase>().OpenAsync(CancellationToken.None);
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT COUNT(*) FROM {table}";
        return (long)(await command.ExecuteScalarAsync())!;
    }

    // Every Fault<T> is published as Fault too: this catches a fault of any message type.
    private async Task AssertNoFaultsAsync() => Assert.False(await Harness.Published.Any<Fault>());

    [Fact]
    public async Task A_batch_of_150_gets_one_BatchClassified_with_the_results_the_single_events_would_get_in_item_order()
    {
        var articles = Enumerable.Range(0, 20).Select(Article).ToList();
        var comments = Comments(130);
        var batch = Batch(articles, comments);

        var classified = await PublishAndWaitAsync(batch, 1);

        await using var singles = await ClassificationConsumers.StartAsync();
        var one = new Dictionary<Guid, ContentClassified>();
        foreach (var article in articles)
        {
            one.Add(article.SubmissionId, await PublishAndWaitAsync(singles.Harness, article, article.SubmissionId));
        }

        foreach (var comment in comments)
        {
            one.Add(comment.SubmissionId, await PublishAndWaitAsync(singles.Harness, comment, comment.SubmissionId));
        }

        Assert.Equal(batch.BatchId, classified.BatchId);
        Assert.Equal([.. articles.Select(a => a.SubmissionId), .. comments.Select(c => c.SubmissionId)], classified.Results.Select(r => r.SubmissionId));
        Assert.All(classified.Results, r => AssertSameClassification(one[r.SubmissionId], r));
        Assert.Equal([Verdict.Allow, Verdict.Review, Verdict.Block], classified.Results.Select(r => r.Verdict).Distinct().Order());
        Assert.Contains(classified.Results, r => r.Reasons.Any(reason => reason.Detail.StartsWith("the same text 13 times:", StringComparison.Ordinal)));
        Assert.Single(Harness.Published.Select<BatchClassified>());
        Assert.False(await Harness.Published.Any<ContentClassified>());
        Assert.Equal(150, await CountRowsAsync("classification_results"));
        Assert.Equal(150, await CountRowsAsync("classified_texts"));
        await AssertNoFaultsAsync();
        Assert.False(await singles.Harness.Published.Any<Fault<CommentSubmitted>>());
    }

    [Fact]
    public async Task A_redelivered_batch_publishes_the_stored_results_again_and_neither_stores_nor_counts_anything_new()
    {
        const string once = "Join my channel for daily tips";
        var comments = Comments(8);
        comments.Add(Comment("tips.example", once));
        var batch = Batch([Article(0), Article(1)], comments);

        var first = await PublishAndWaitAsync(batch, 1);
        var again = await PublishAndWaitAsync(batch, 2);

        Assert.Equal(first.Results.Count, again.Results.Count);
        foreach (var (stored, redelivered) in first.Results.Zip(again.Results))
        {
            AssertSameClassification(stored, redelivered);
            Assert.Equal(stored.OccurredAt, redelivered.OccurredAt);
        }

        Assert.Equal(11, await CountRowsAsync("classification_results"));
        Assert.Equal(11, await CountRowsAsync("classified_texts"));
        var secondTime = Comment("tips.example", once);
        var second = await PublishAndWaitAsync(secondTime, secondTime.SubmissionId);
        Assert.DoesNotContain(second.Reasons, r => r.Detail.StartsWith("the same text", StringComparison.Ordinal));
        var thirdTime = Comment("tips.example", once);
        var third = await PublishAndWaitAsync(thirdTime, thirdTime.SubmissionId);
        Assert.Contains(third.Reasons, r => r.Detail.StartsWith("the same text 3 times:", StringComparison.Ordinal));
        await AssertNoFaultsAsync();
    }

    [Fact]
    public async Task A_batch_mixing_classified_and_new_submissions_keeps_the_stored_results_and_classifies_only_the_new()
    {
        var known = Comments(3);
        var stored = new List<ContentClassified>();
        foreach (var comment in known)
        {
            stored.Add(await PublishAndWaitAsync(comment, comment.SubmissionId));
        }

        var fresh = Comments(4);
        var articles = new[] { Article(0), Article(1) };
        var batch = Batch(articles, [fresh[0], known[0], fresh[1], known[1], fresh[2], known[2], fresh[3]]);

        var classified = await PublishAndWaitAsync(batch, 1);

        Assert.Equal(batch.Articles.Select(a => a.SubmissionId).Concat(batch.Comments.Select(c => c.SubmissionId)), classified.Results.Select(r => r.SubmissionId));
        foreach (var result in stored)
        {
            var inBatch = classified.Results.Single(r => r.SubmissionId == result.SubmissionId);
            AssertSameClassification(result, inBatch);
            Assert.Equal(result.OccurredAt, inBatch.OccurredAt);
        }

        Assert.All(classified.Results.Take(2), r => Assert.Equal(ContentKind.Article, r.Kind));
        Assert.All(classified.Results.Skip(2), r => Assert.Equal(ContentKind.Comment, r.Kind));
        Assert.Equal(3, Harness.Published.Select<ContentClassified>().Count());
        Assert.Equal(9, await CountRowsAsync("classification_results"));
        var texts = await _consumers.Services.GetRequiredService<ITrainingStore>()
            .GetTextsAsync(classified.Results.Select(r => r.SubmissionId).ToList(), CancellationToken.None);
        Assert.Equal(articles[1].Title + "\n" + articles[1].Body, texts[articles[1].SubmissionId].Text);
        Assert.Equal(fresh[3].Body, texts[fresh[3].SubmissionId].Text);
        Assert.Equal(9, texts.Count);
        await AssertNoFaultsAsync();
    }

    [Fact]
    public async Task A_batch_of_decisions_teaches_exactly_what_its_decisions_teach_one_by_one_even_when_redelivered()
    {
        var comments = Comments(4);
        var decisions = new List<ModerationDecided>
        {
            Decision(comments[0], DecisionActorKind.Moderator, new() { [Categories.Harassment] = 1, ["not-a-category"] = 1 }),
            Decision(comments[1], DecisionActorKind.Moderator, null),
            Decision(comments[2], DecisionActorKind.Policy, new() { [Categories.Violence] = 1 }),
            Decision(Comment("elsewhere.example", "never classified here"), DecisionActorKind.Moderator, new() { [Categories.Spam] = 1 }),
            Decision(comments[3], DecisionActorKind.Moderator, new() { [Categories.Hate] = 0, [Categories.Harassment] = 1, [Categories.Spam] = 2 }),
        };
        var decided = new BatchDecided(Guid.NewGuid(), decisions, DateTimeOffset.UtcNow);

        await PublishAndWaitAsync(Batch([], comments), 1);
        await Harness.Bus.Publish(decided);
        await Harness.Bus.Publish(decided);
        await Eventually.GetAsync(() => Task.FromResult(Harness.Consumed.Select<BatchDecided>().Count()), c => c == 2);

        await using var singles = await ClassificationConsumers.StartAsync();
        foreach (var comment in comments)
        {
            await PublishAndWaitAsync(singles.Harness, comment, comment.SubmissionId);
        }

        foreach (var decision in decisions)
        {
            await singles.Harness.Bus.Publish(decision);
        }

        await Eventually.GetAsync(() => Task.FromResult(singles.Harness.Consumed.Select<ModerationDecided>().Count()), c => c == decisions.Count);

        var fromBatch = (await _consumers.Services.GetRequiredService<ITrainingStore>().ListExamplesAsync(100, CancellationToken.None))
            .OrderBy(e => decisions.FindIndex(d => e.ExampleId == $"decision:{d.DecisionId}")).ToList();
        var oneByOne = (await singles.Services.GetRequiredService<ITrainingStore>().ListExamplesAsync(100, CancellationToken.None))
            .OrderBy(e => decisions.FindIndex(d => e.ExampleId == $"decision:{d.DecisionId}")).ToList();
        Assert.Equal([$"decision:{decisions[0].DecisionId}", $"decision:{decisions[4].DecisionId}"], fromBatch.Select(e => e.ExampleId));
        Assert.Equal(oneByOne.Select(e => (e.ExampleId, e.Kind, e.Text, e.Origin)), fromBatch.Select(e => (e.ExampleId, e.Kind, e.Text, e.Origin)));
        Assert.Equal(oneByOne.Select(e => e.Labels), fromBatch.Select(e => e.Labels));
        Assert.Equal(new Dictionary<string, int> { [Categories.Hate] = 0, [Categories.Harassment] = 1 }, fromBatch[1].Labels);
        Assert.Equal(comments[3].Body, fromBatch[1].Text);
        await AssertNoFaultsAsync();
        Assert.False(await singles.Harness.Published.Any<Fault<ModerationDecided>>());
    }

    private static ModerationDecided Decision(CommentSubmitted comment, DecisionActorKind actor, Dictionary<string, int>? labels) =>
        new(comment.SubmissionId, Guid.NewGuid(), DecisionOutcome.Remove, actor, "mod-1", "harassment", null, labels, true, DateTimeOffset.UtcNow);
}
