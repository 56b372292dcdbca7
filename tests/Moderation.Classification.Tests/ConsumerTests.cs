using MassTransit;
using MassTransit.Testing;
using Microsoft.Extensions.DependencyInjection;
using Moderation.Classification.Domain;
using Moderation.Classification.Storage;
using Moderation.Contracts;
using Moderation.ServiceDefaults;
using Moderation.Testing;

namespace Moderation.Classification.Tests;

public sealed class ConsumerTests : IAsyncLifetime
{
    private ConsumerHarness _consumers = null!;
    private ITestHarness _harness = null!;

    public async Task InitializeAsync()
    {
        _consumers = await ConsumerHarness.StartAsync(
            services => services
                .AddSingleton<SqliteClassificationStore>()
                .AddSingleton<IClassificationStore>(sp => sp.GetRequiredService<SqliteClassificationStore>())
                .AddSingleton<IModerationStore>(sp => sp.GetRequiredService<SqliteClassificationStore>())
                .AddSingleton(KeywordClassifier.Default)
                .AddSingleton<ClassificationMetrics>()
                .AddScoped<Consumers.SubmissionClassification>(),
            ClassificationService.AddConsumers);
        _harness = _consumers.Harness;
    }

    public async Task DisposeAsync() => await _consumers.DisposeAsync();

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
}
