using System.Reflection;
using System.Text;
using System.Text.Json;
using MassTransit;
using MassTransit.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Moderation.Client;
using Moderation.Contracts;
using Moderation.Ingestion.Intake;
using Moderation.Ingestion.Storage;
using Moderation.Messaging;
using Moderation.Storage;
using Moderation.Testing;

namespace Moderation.Ingestion.Tests;

/// <summary>A batch travels as a few <see cref="BatchSubmitted"/> messages, not one event per line.</summary>
public sealed class BatchMessageTests : IngestionHostTest
{
    private static string Line(object value) => JsonSerializer.Serialize(value, ModerationJson.Options);

    private static StringContent Ndjson(IEnumerable<string> lines) => new(string.Join("\n", lines) + "\n", Encoding.UTF8, "application/x-ndjson");

    [Fact]
    public async Task A_batch_of_250_lines_leaves_as_three_batch_messages_of_100_100_and_50_items_that_are_the_single_events()
    {
        var article = await Api.SubmitArticleAsync(new SubmitArticleRequest("news.example", "Commented on", "An article readers answer"));
        var lines = Enumerable.Range(0, 250).Select(i => i % 5 == 0
            ? Line(new { kind = "comment", articleId = article.ArticleId, author = $"reader {i}", body = $"  Comment number {i}  " })
            : Line(new { kind = "article", source = "news.example", title = $"Title {i}", body = $"Body of article {i}" }));
        using var content = Ndjson(lines);

        var result = await Api.SubmitBatchAsync(content);

        Assert.Equal((250, 0, 0), (result.Accepted, result.Duplicates, result.Rejected));
        var published = Host.Services.GetRequiredService<PublishedSubmissions>();
        await Eventually.GetAsync(() => Task.FromResult(published.Batches.Sum(ItemCount)), n => n == 250, what: "250 batch items");
        Assert.Equal([50, 100, 100], published.Batches.Select(ItemCount).Order());
        var ids = result.Results.Select(r => r.SubmissionId!.Value).ToHashSet();
        Assert.DoesNotContain(published.PublishedAlone, ids.Contains);
        Assert.Equal(ids.Order(), published.Batches.SelectMany(Items).Select(SubmissionIdOf).Order());

        var store = Host.Services.GetRequiredService<ISubmissionStore>();
        foreach (var item in published.Batches.SelectMany(Items))
        {
            var record = await store.GetAsync(SubmissionIdOf(item), CancellationToken.None);
            Assert.Equal(record!.ToEvent(), item);
        }

        var comment = published.Batches.SelectMany(b => b.Comments).Single(c => c.Author == "reader 5");
        Assert.Equal(("Comment number 5", article.ArticleId, "Commented on"), (comment.Body, comment.ArticleId, comment.ArticleTitle));
        var first = published.Batches.SelectMany(b => b.Articles).Single(a => a.Title == "Title 1");
        Assert.Equal(result.Results[1].SubmissionId, first.SubmissionId);
        Assert.Empty(await store.ListPendingAsync(DateTimeOffset.MaxValue, 1_000, CancellationToken.None));
    }

    [Fact]
    public async Task Lines_repeating_an_earlier_line_of_the_same_batch_are_answered_as_its_duplicates_and_published_once()
    {
        var article = await Api.SubmitArticleAsync(new SubmitArticleRequest("news.example", "Thread", "An article with comments"));
        using var content = Ndjson(
        [
            Line(new { kind = "article", source = "news.example", title = "Once", body = "Said once" }),
            Line(new { kind = "comment", articleId = article.ArticleId, author = "reader", body = "First!" }),
            Line(new { kind = "article", source = " news.example ", title = "Ｏnce", body = "Said once\u0000" }),
            Line(new { kind = "comment", articleId = article.ArticleId, author = "reader", body = "First!" }),
            Line(new { kind = "comment", articleId = article.ArticleId, author = "someone else", body = "First!" }),
            Line(new { kind = "article", source = "news.example", title = "Thread", body = "An article with comments" }),
        ]);

        var result = await Api.SubmitBatchAsync(content);

        Assert.Equal(
            [BatchLineStatus.Accepted, BatchLineStatus.Accepted, BatchLineStatus.Duplicate, BatchLineStatus.Duplicate, BatchLineStatus.Accepted, BatchLineStatus.Duplicate],
            result.Results.Select(r => r.Status));
        Assert.Equal((3, 3, 0), (result.Accepted, result.Duplicates, result.Rejected));
        Assert.Equal(
            [null, null, result.Results[0].SubmissionId, result.Results[1].SubmissionId, null, article.SubmissionId],
            result.Results.Select(r => r.DuplicateOf));
        Assert.Equal(result.Results[1].CommentId, result.Results[3].CommentId);

        var store = Host.Services.GetRequiredService<ISubmissionStore>();
        Assert.Equal(2, (await store.ListCommentsAsync(article.ArticleId, 10, CancellationToken.None)).Count);
        var published = Host.Services.GetRequiredService<PublishedSubmissions>();
        var batch = await Eventually.GetAsync(() => Task.FromResult(published.Batches.ToList()), b => b.Count == 1);
        Assert.Equal(
            new[] { 0, 1, 4 }.Select(i => result.Results[i].SubmissionId!.Value).Order(),
            Items(batch[0]).Select(SubmissionIdOf).Order());
    }

    [Fact]
    public async Task A_batch_message_the_broker_refuses_leaves_its_items_and_those_after_it_to_the_sweeper_one_by_one()
    {
        await using var consumers = await ConsumerHarness.StartAsync(
            services => services
                .AddSingleton<SqliteSubmissionStore>()
                .AddSingleton<ISubmissionStore>(sp => sp.GetRequiredService<SqliteSubmissionStore>())
                .AddSingleton<IModerationStore>(sp => sp.GetRequiredService<SqliteSubmissionStore>()),
            _ => { });
        var harness = consumers.Harness;
        var store = consumers.Services.GetRequiredService<ISubmissionStore>();
        var outbox = Options.Create(new OutboxOptions { Grace = TimeSpan.Zero });
        var refusingSecond = new ReliablePublisher(RefusingBus.Wrap(harness.Bus, refuse: publish => publish == 2), outbox, TimeProvider.System, NullLogger<ReliablePublisher>.Instance);
        var intake = new SubmissionIntake(
            store, refusingSecond, Options.Create(new IngestionOptions { MaxItemsPerBatchMessage = 2 }),
            new IngestionMetrics(consumers.Services.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>()), new ArticleThreads(store), TimeProvider.System);
        var records = Enumerable.Range(0, 5)
            .Select(i => ((ReadySubmission)intake.CheckArticle(new SubmittedArticle("news.example", $"Refused {i}", $"Body {i}"))).Record)
            .ToList();

        var outcomes = await intake.StoreBatchAsync(records, CancellationToken.None);

        Assert.All(outcomes, o => Assert.IsType<StoredSubmission>(o));
        Assert.True(await harness.Published.Any<BatchSubmitted>());
        var first = Assert.Single(harness.Published.Select<BatchSubmitted>()).Context.Message;
        Assert.Equal(records.Take(2).Select(r => r.SubmissionId), first.Articles.Select(a => a.SubmissionId));
        var pending = await store.ListPendingAsync(DateTimeOffset.MaxValue, 100, CancellationToken.None);
        Assert.Equal(records.Skip(2).Select(r => r.SubmissionId.ToString()).Order(), pending.Select(p => p.Key).Order());

        var publisher = new ReliablePublisher(harness.Bus, outbox, TimeProvider.System, NullLogger<ReliablePublisher>.Instance);
        var sweeper = new PendingEventSweeper([store], publisher, outbox, TimeProvider.System, NullLogger<PendingEventSweeper>.Instance);
        Assert.Equal(3, await sweeper.SweepAsync(store, CancellationToken.None));

        foreach (var record in records.Skip(2))
        {
            Assert.True(await harness.Published.Any<ArticleSubmitted>(m => m.Context.Message == record.ToArticleSubmitted()));
        }

        Assert.Single(harness.Published.Select<BatchSubmitted>());
        Assert.Empty(await store.ListPendingAsync(DateTimeOffset.MaxValue, 100, CancellationToken.None));
    }

    private static int ItemCount(BatchSubmitted batch) => batch.Articles.Count + batch.Comments.Count;

    private static IEnumerable<object> Items(BatchSubmitted batch) => batch.Articles.Cast<object>().Concat(batch.Comments);

    private static Guid SubmissionIdOf(object item) => item switch
    {
        ArticleSubmitted a => a.SubmissionId,
        CommentSubmitted c => c.SubmissionId,
        _ => throw new ArgumentOutOfRangeException(nameof(item)),
    };
}

/// <summary>A bus that refuses the publishes <c>refuse</c> picks (counted from 1), as a broker that went away would.</summary>
public class RefusingBus : DispatchProxy
{
    private IBus _bus = null!;
    private Func<int, bool> _refuse = null!;
    private int _publishes;

    public static IBus Wrap(IBus bus, Func<int, bool> refuse)
    {
        var proxy = Create<IBus, RefusingBus>();
        var refusing = (RefusingBus)(object)proxy;
        refusing._bus = bus;
        refusing._refuse = refuse;
        return proxy;
    }

    protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
    {
        ArgumentNullException.ThrowIfNull(targetMethod);
        if (targetMethod.Name == nameof(IBus.Publish) && _refuse(Interlocked.Increment(ref _publishes)))
        {
            return Task.FromException(new InvalidOperationException("The broker refused the publish."));
        }

        try
        {
            return targetMethod.Invoke(_bus, args);
        }
        catch (TargetInvocationException ex) when (ex.InnerException is not null)
        {
            throw ex.InnerException;
        }
    }
}

/// <summary>Long articles leave in smaller batch messages: a message's size is bounded, not only its item count.</summary>
public sealed class BatchMessageSizeTests : IngestionHostTest
{
    private const int MaxMessageBytes = 65_536;

    protected override IReadOnlyDictionary<string, string?> Configuration { get; } = new Dictionary<string, string?>
    {
        ["Ingestion:MaxBatchMessageBytes"] = MaxMessageBytes.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    [Fact]
    public async Task Long_articles_are_cut_into_messages_under_the_byte_limit_and_an_article_over_it_travels_alone()
    {
        var article = await Api.SubmitArticleAsync(new SubmitArticleRequest("news.example", "Long reads", "An article readers answer"));
        // 5,000 two-byte letters and 10,000 ASCII ones: 20,000 characters, 25,000 bytes in UTF-8.
        var longBody = new string('ä', 5_000) + new string('a', 10_000) + new string('b', 5_000);
        var lines = Enumerable.Range(0, 5)
            .Select(i => Line(new { kind = "article", source = "news.example", title = $"Long read {i}", body = $"{i} {longBody}" }))
            .Append(Line(new { kind = "article", source = "news.example", title = "Longer than a message", body = new string('z', 70_000) }))
            .Concat(Enumerable.Range(0, 3).Select(i => Line(new { kind = "comment", articleId = article.ArticleId, author = $"reader {i}", body = $"Short answer {i}" })));
        using var content = new StringContent(string.Join("\n", lines) + "\n", Encoding.UTF8, "application/x-ndjson");

        var result = await Api.SubmitBatchAsync(content);

        Assert.Equal((9, 0, 0), (result.Accepted, result.Duplicates, result.Rejected));
        var published = Host.Services.GetRequiredService<PublishedSubmissions>();
        await Eventually.GetAsync(() => Task.FromResult(published.Batches.Sum(b => b.Articles.Count + b.Comments.Count)), n => n == 9, what: "9 batch items");
        var batches = published.Batches.ToList();
        Assert.Equal([1, 1, 2, 2, 3], batches.Select(b => b.Articles.Count + b.Comments.Count).Order());
        Assert.Contains(batches, b => b.Articles is [{ Title: "Longer than a message" }] && b.Comments.Count == 0);
        foreach (var batch in batches.Where(b => b.Articles.Count + b.Comments.Count > 1))
        {
            Assert.InRange(JsonSerializer.SerializeToUtf8Bytes(batch, MassTransit.Serialization.SystemTextJsonMessageSerializer.Options).Length, 1, MaxMessageBytes);
        }

        Assert.DoesNotContain(published.PublishedAlone, result.Results.Select(r => r.SubmissionId!.Value).Contains);
    }

    private static string Line(object value) => JsonSerializer.Serialize(value, ModerationJson.Options);
}
