using Moderation.Contracts;
using Moderation.Ingestion.Domain;
using Moderation.Ingestion.Storage;
using Moderation.Storage;
using Moderation.Testing;

namespace Moderation.Ingestion.Tests;

/// <summary>What every adapter of <see cref="ISubmissionStore"/> must do; run once per adapter.</summary>
public abstract class SubmissionStoreContract : IDisposable
{
    private static readonly DateTimeOffset Now = new(2026, 11, 25, 10, 0, 0, TimeSpan.Zero);
    private ISubmissionStore? _store;

    protected abstract ISubmissionStore CreateStore();

    protected abstract void DisposeStore();

    /// <summary>One record through <see cref="ISubmissionStore.AddManyUnlessDuplicateAsync"/>, its duplicate window starting at <paramref name="windowStart"/>.</summary>
    private static async Task<SubmissionRecord?> AddUnlessDuplicateAsync(ISubmissionStore store, SubmissionRecord record, DateTimeOffset windowStart, CancellationToken cancellationToken) =>
        (await store.AddManyUnlessDuplicateAsync([record], record.ReceivedAt - windowStart, cancellationToken))[0];

    private async Task<ISubmissionStore> StoreAsync()
    {
        if (_store is null)
        {
            _store = CreateStore();
            await ((IModerationStore)_store).InitializeAsync(CancellationToken.None);
            await ((IModerationStore)_store).InitializeAsync(CancellationToken.None);
        }

        return _store;
    }

    private static SubmissionRecord Article(DateTimeOffset receivedAt, string body = "Body", string source = "news.example") => SubmissionRecord.Received(new SubmissionRecord
    {
        SubmissionId = Guid.NewGuid(),
        Kind = ContentKind.Article,
        ArticleId = Guid.NewGuid(),
        Source = source,
        Title = "Title",
        Body = body,
        ReceivedAt = receivedAt,
    });

    private static SubmissionRecord Comment(SubmissionRecord article, Guid? parent = null, DateTimeOffset? receivedAt = null) => SubmissionRecord.Received(new SubmissionRecord
    {
        SubmissionId = Guid.NewGuid(),
        Kind = ContentKind.Comment,
        ArticleId = article.ArticleId,
        CommentId = Guid.NewGuid(),
        ParentCommentId = parent,
        Source = article.Source,
        Title = article.Title,
        Body = "Reply",
        Author = "reader",
        ReceivedAt = receivedAt ?? Now,
    });

    [SkippableFact]
    public async Task A_stored_submission_reads_back_whole()
    {
        var store = await StoreAsync();
        var article = Article(Now);
        await store.AddAsync(article, CancellationToken.None);

        var read = await store.GetAsync(article.SubmissionId, CancellationToken.None);
        Assert.NotNull(read);
        Assert.Equal(article.Title, read.Title);
        Assert.Equal(article.ReceivedAt, read.ReceivedAt);
        Assert.Single(read.Timeline);
        Assert.Null(await store.GetAsync(Guid.NewGuid(), CancellationToken.None));
    }

    [SkippableFact]
    public async Task Articles_and_comments_are_found_by_their_own_ids()
    {
        var store = await StoreAsync();
        var article = Article(Now);
        var comment = Comment(article);
        await store.AddAsync(article, CancellationToken.None);
        await store.AddAsync(comment, CancellationToken.None);

        Assert.Equal(article.SubmissionId, (await store.FindArticleAsync(article.ArticleId, CancellationToken.None))?.SubmissionId);
        Assert.Equal(comment.SubmissionId, (await store.FindCommentAsync(comment.CommentId!.Value, CancellationToken.None))?.SubmissionId);
        Assert.Null(await store.FindArticleAsync(Guid.NewGuid(), CancellationToken.None));
        Assert.Null(await store.FindCommentAsync(Guid.NewGuid(), CancellationToken.None));
    }

    [SkippableFact]
    public async Task Concurrent_updates_of_one_submission_are_all_kept()
    {
        var store = await StoreAsync();
        var article = Article(Now);
        await store.AddAsync(article, CancellationToken.None);

        await Task.WhenAll(Enumerable.Range(0, 20).Select(i => Task.Run(() => store.UpdateManyAsync([new SubmissionRecordChange(article.SubmissionId, record =>
        {
            if (record.AppliedEvents.Contains($"event-{i}"))
            {
                return false;
            }

            record.AppliedEvents.Add($"event-{i}");
            return true;
        })], CancellationToken.None))));

        var read = await store.GetAsync(article.SubmissionId, CancellationToken.None);
        Assert.Equal(20, read!.AppliedEvents.Count);
    }

    [SkippableFact]
    public async Task An_update_that_changes_nothing_keeps_the_record_and_one_of_an_unknown_submission_stores_nothing()
    {
        var store = await StoreAsync();
        var article = Article(Now);
        await store.AddAsync(article, CancellationToken.None);
        var unknown = Guid.NewGuid();

        await store.UpdateManyAsync(
            [
                new SubmissionRecordChange(article.SubmissionId, record =>
                {
                    record.AppliedEvents.Add("not kept");
                    return false;
                }),
                new SubmissionRecordChange(unknown, record =>
                {
                    record.AppliedEvents.Add("nowhere");
                    return true;
                }),
            ],
            CancellationToken.None);

        Assert.Empty((await store.GetAsync(article.SubmissionId, CancellationToken.None))!.AppliedEvents);
        Assert.Null(await store.GetAsync(unknown, CancellationToken.None));
    }

    [SkippableFact]
    public async Task Unpublished_submissions_are_pending_until_marked_and_only_after_their_grace()
    {
        var store = await StoreAsync();
        var old = Article(Now.AddMinutes(-10));
        var fresh = Article(Now);
        await store.AddAsync(old, CancellationToken.None);
        await store.AddAsync(fresh, CancellationToken.None);

        var pending = await store.ListPendingAsync(Now.AddMinutes(-1), 100, CancellationToken.None);
        var only = Assert.Single(pending);
        Assert.Equal(old.SubmissionId.ToString(), only.Key);
        Assert.Equal(old.SubmissionId, Assert.IsType<ArticleSubmitted>(only.Message).SubmissionId);

        await store.MarkPublishedAsync([only.Key], Now, CancellationToken.None);
        Assert.Empty(await store.ListPendingAsync(Now.AddMinutes(-1), 100, CancellationToken.None));
        Assert.Equal(Now, (await store.GetAsync(old.SubmissionId, CancellationToken.None))!.PublishedAt);
    }

    [SkippableFact]
    public async Task The_same_content_within_the_window_returns_the_first_submission_and_stores_nothing()
    {
        var store = await StoreAsync();
        var body = $"Same text {Guid.NewGuid()}";
        var first = Article(Now, body);
        Assert.Null(await AddUnlessDuplicateAsync(store, first, Now.AddMinutes(-10), CancellationToken.None));

        var again = Article(Now.AddMinutes(1), body);
        var duplicate = await AddUnlessDuplicateAsync(store, again, Now.AddMinutes(-9), CancellationToken.None);

        Assert.Equal(first.SubmissionId, duplicate?.SubmissionId);
        Assert.Null(await store.GetAsync(again.SubmissionId, CancellationToken.None));
    }

    [SkippableFact]
    public async Task A_submission_stored_on_its_own_is_the_first_of_the_same_content_after_it()
    {
        var store = await StoreAsync();
        var body = $"Stored alone {Guid.NewGuid()}";
        var first = Article(Now, body);
        await store.AddAsync(first, CancellationToken.None);

        var again = Article(Now.AddMinutes(1), body);
        Assert.Equal(first.SubmissionId, (await AddUnlessDuplicateAsync(store, again, Now.AddMinutes(-9), CancellationToken.None))?.SubmissionId);
        Assert.Null(await store.GetAsync(again.SubmissionId, CancellationToken.None));
    }

    [SkippableFact]
    public async Task Other_content_another_source_or_a_closed_window_is_stored_anew()
    {
        var store = await StoreAsync();
        var body = $"Text {Guid.NewGuid()}";
        var first = Article(Now, body);
        await AddUnlessDuplicateAsync(store, first, Now.AddMinutes(-10), CancellationToken.None);

        var otherSource = Article(Now.AddMinutes(1), body, source: "other.example");
        var otherText = Article(Now.AddMinutes(1), body + " more");
        var afterWindow = Article(Now.AddMinutes(20), body);
        Assert.Null(await AddUnlessDuplicateAsync(store, otherSource, Now.AddMinutes(-9), CancellationToken.None));
        Assert.Null(await AddUnlessDuplicateAsync(store, otherText, Now.AddMinutes(-9), CancellationToken.None));
        Assert.Null(await AddUnlessDuplicateAsync(store, afterWindow, Now.AddMinutes(10), CancellationToken.None));

        foreach (var stored in new[] { otherSource, otherText, afterWindow })
        {
            Assert.NotNull(await store.GetAsync(stored.SubmissionId, CancellationToken.None));
        }

        var later = Article(Now.AddMinutes(21), body);
        Assert.Equal(afterWindow.SubmissionId, (await AddUnlessDuplicateAsync(store, later, Now.AddMinutes(11), CancellationToken.None))?.SubmissionId);
    }

    [SkippableFact]
    public async Task Concurrent_submissions_of_the_same_content_store_one()
    {
        var store = await StoreAsync();
        var body = $"Raced {Guid.NewGuid()}";
        var records = Enumerable.Range(0, 10).Select(_ => Article(Now, body)).ToList();

        var results = await Task.WhenAll(records.Select(r => Task.Run(() => AddUnlessDuplicateAsync(store, r, Now.AddMinutes(-10), CancellationToken.None))));

        var stored = Assert.Single(records, r => results[records.IndexOf(r)] is null);
        Assert.All(results.Where(r => r is not null), r => Assert.Equal(stored.SubmissionId, r!.SubmissionId));
    }

    [SkippableFact]
    public async Task Many_submissions_are_stored_in_one_call_and_a_repeat_of_earlier_content_gets_its_first()
    {
        var store = await StoreAsync();
        var tag = Guid.NewGuid();
        var stored = Article(Now, $"Stored before {tag}");
        await AddUnlessDuplicateAsync(store, stored, Now.AddMinutes(-10), CancellationToken.None);
        var later = Now.AddMinutes(1);
        var fresh = Article(later, $"New {tag}");
        var other = Article(later, $"Other {tag}");
        var records = new[] { fresh, Article(later, $"Stored before {tag}"), other, Article(later, $"New {tag}"), Article(later, $"Stored before {tag}") };

        var firsts = await store.AddManyUnlessDuplicateAsync(records, TimeSpan.FromMinutes(10), CancellationToken.None);

        Assert.Equal([null, stored.SubmissionId, null, fresh.SubmissionId, stored.SubmissionId], firsts.Select(f => f?.SubmissionId));
        Assert.Equal(fresh.Body, firsts[3]!.Body);
        Assert.NotNull(await store.GetAsync(fresh.SubmissionId, CancellationToken.None));
        Assert.NotNull(await store.GetAsync(other.SubmissionId, CancellationToken.None));
        foreach (var repeat in new[] { records[1], records[3], records[4] })
        {
            Assert.Null(await store.GetAsync(repeat.SubmissionId, CancellationToken.None));
        }

        Assert.Empty(await store.AddManyUnlessDuplicateAsync([], TimeSpan.FromMinutes(10), CancellationToken.None));
    }

    [SkippableFact]
    public async Task Many_submissions_count_each_ones_window_from_its_own_arrival()
    {
        var store = await StoreAsync();
        var body = $"Windowed {Guid.NewGuid()}";
        var first = Article(Now, body);
        await AddUnlessDuplicateAsync(store, first, Now.AddMinutes(-10), CancellationToken.None);
        var comment = Comment(first);
        await AddUnlessDuplicateAsync(store, comment, Now.AddMinutes(-10), CancellationToken.None);

        var afterWindow = Article(Now.AddMinutes(20), body);
        var repeatOfAfter = Article(Now.AddMinutes(21), body);
        var sameComment = Comment(first, receivedAt: Now.AddMinutes(5));
        var firsts = await store.AddManyUnlessDuplicateAsync([afterWindow, repeatOfAfter, sameComment], TimeSpan.FromMinutes(10), CancellationToken.None);

        Assert.Equal([null, afterWindow.SubmissionId, comment.SubmissionId], firsts.Select(f => f?.SubmissionId));
        Assert.NotNull(await store.GetAsync(afterWindow.SubmissionId, CancellationToken.None));
        Assert.Null(await store.GetAsync(repeatOfAfter.SubmissionId, CancellationToken.None));
        Assert.Single(await store.ListCommentsAsync(first.ArticleId, 10, CancellationToken.None));
    }

    [SkippableFact]
    public async Task Concurrent_calls_storing_many_of_the_same_contents_store_each_content_once()
    {
        var store = await StoreAsync();
        var bodies = Enumerable.Range(0, 3).Select(i => $"Raced batch {i} {Guid.NewGuid()}").ToList();
        var calls = Enumerable.Range(0, 6).Select(_ => bodies.Select(b => Article(Now, b)).ToList()).ToList();

        var results = await Task.WhenAll(calls.Select(records => Task.Run(() => store.AddManyUnlessDuplicateAsync(records, TimeSpan.FromMinutes(10), CancellationToken.None))));

        for (var content = 0; content < bodies.Count; content++)
        {
            var storedOnes = calls.Select(c => c[content]).Where((_, call) => results[call][content] is null).ToList();
            var stored = Assert.Single(storedOnes);
            Assert.All(results.Select(r => r[content]).Where(f => f is not null), f => Assert.Equal(stored.SubmissionId, f!.SubmissionId));
        }
    }

    [SkippableFact]
    public async Task Many_changes_are_applied_in_order_once_and_changes_of_unknown_submissions_are_skipped()
    {
        var store = await StoreAsync();
        var first = Article(Now);
        var second = Article(Now);
        var untouched = Article(Now);
        foreach (var record in new[] { first, second, untouched })
        {
            await store.AddAsync(record, CancellationToken.None);
        }

        SubmissionRecordChange[] changes =
        [
            new(first.SubmissionId, r => AddOnce(r, "a")),
            new(second.SubmissionId, r => AddOnce(r, "a")),
            new(Guid.NewGuid(), r => AddOnce(r, "a")),
            new(first.SubmissionId, r => AddOnce(r, "b")),
        ];
        await store.UpdateManyAsync(changes, CancellationToken.None);
        await store.UpdateManyAsync(changes, CancellationToken.None);

        Assert.Equal(["a", "b"], (await store.GetAsync(first.SubmissionId, CancellationToken.None))!.AppliedEvents);
        Assert.Equal(["a"], (await store.GetAsync(second.SubmissionId, CancellationToken.None))!.AppliedEvents);
        Assert.Empty((await store.GetAsync(untouched.SubmissionId, CancellationToken.None))!.AppliedEvents);
        await store.UpdateManyAsync([], CancellationToken.None);
    }

    [SkippableFact]
    public async Task Concurrent_changes_of_all_and_of_one_of_the_same_submissions_are_all_kept()
    {
        var store = await StoreAsync();
        var records = Enumerable.Range(0, 3).Select(_ => Article(Now)).ToList();
        foreach (var record in records)
        {
            await store.AddAsync(record, CancellationToken.None);
        }

        await Task.WhenAll(Enumerable.Range(0, 20).Select(i => Task.Run(() => i % 4 == 0
            ? store.UpdateManyAsync([new SubmissionRecordChange(records[i % 3].SubmissionId, r => AddOnce(r, $"event-{i}"))], CancellationToken.None)
            : store.UpdateManyAsync([.. records.Select(r => new SubmissionRecordChange(r.SubmissionId, x => AddOnce(x, $"event-{i}")))], CancellationToken.None))));

        for (var n = 0; n < records.Count; n++)
        {
            var expected = Enumerable.Range(0, 20).Where(i => i % 4 != 0 || i % 3 == n).Select(i => $"event-{i}").Order(StringComparer.Ordinal);
            var read = await store.GetAsync(records[n].SubmissionId, CancellationToken.None);
            Assert.Equal(expected, read!.AppliedEvents.Order(StringComparer.Ordinal));
        }
    }

    [SkippableFact]
    public async Task Marking_many_published_marks_each_once_and_leaves_the_others_pending()
    {
        var store = await StoreAsync();
        var records = Enumerable.Range(0, 3).Select(i => Article(Now.AddMinutes(-10 - i))).ToList();
        foreach (var record in records)
        {
            await store.AddAsync(record, CancellationToken.None);
        }

        await store.MarkPublishedAsync([records[0].SubmissionId.ToString(), records[2].SubmissionId.ToString(), Guid.NewGuid().ToString()], Now, CancellationToken.None);
        await store.MarkPublishedAsync([records[0].SubmissionId.ToString()], Now.AddMinutes(1), CancellationToken.None);

        var pending = await store.ListPendingAsync(Now.AddMinutes(-1), 100, CancellationToken.None);
        Assert.Equal([records[1].SubmissionId.ToString()], pending.Select(p => p.Key));
        Assert.Equal(Now, (await store.GetAsync(records[0].SubmissionId, CancellationToken.None))!.PublishedAt);
        Assert.Equal(Now, (await store.GetAsync(records[2].SubmissionId, CancellationToken.None))!.PublishedAt);
    }

    private static bool AddOnce(SubmissionRecord record, string key)
    {
        if (record.AppliedEvents.Contains(key))
        {
            return false;
        }

        record.AppliedEvents.Add(key);
        return true;
    }

    [SkippableFact]
    public async Task An_articles_comments_are_listed_oldest_first_up_to_the_limit()
    {
        var store = await StoreAsync();
        var article = Article(Now);
        var other = Article(Now);
        await store.AddAsync(article, CancellationToken.None);
        await store.AddAsync(other, CancellationToken.None);
        var second = Comment(article, receivedAt: Now.AddMinutes(2));
        var first = Comment(article, receivedAt: Now.AddMinutes(1));
        var third = Comment(article, first.CommentId, Now.AddMinutes(3));
        foreach (var comment in new[] { second, first, third, Comment(other) })
        {
            await store.AddAsync(comment, CancellationToken.None);
        }

        var all = await store.ListCommentsAsync(article.ArticleId, 10, CancellationToken.None);
        Assert.Equal([first.SubmissionId, second.SubmissionId, third.SubmissionId], all.Select(c => c.SubmissionId));
        Assert.Equal(first.CommentId, all[2].ParentCommentId);
        Assert.Equal(2, (await store.ListCommentsAsync(article.ArticleId, 2, CancellationToken.None)).Count);
        Assert.Empty(await store.ListCommentsAsync(Guid.NewGuid(), 10, CancellationToken.None));
    }

    [SkippableFact]
    public async Task The_first_answer_for_an_idempotency_key_is_kept_until_it_expires()
    {
        var store = await StoreAsync();
        var key = $"submitter:/api/v1/articles:{Guid.NewGuid()}";
        var first = new IdempotentAnswer(key, "hash-1", 202, "{\"submissionId\":\"a\"}", "/api/v1/submissions/a", Now);
        Assert.Null(await store.FindAnswerAsync(key, Now.AddHours(-1), CancellationToken.None));

        Assert.Equal(first, await store.SaveAnswerAsync(first, Now.AddHours(-24), CancellationToken.None));
        var second = first with { RequestHash = "hash-2", Body = "{}", Location = null, CreatedAt = Now.AddMinutes(1) };
        Assert.Equal(first, await store.SaveAnswerAsync(second, Now.AddMinutes(1).AddHours(-24), CancellationToken.None));
        Assert.Equal(first, await store.FindAnswerAsync(key, Now.AddHours(-1), CancellationToken.None));

        Assert.Null(await store.FindAnswerAsync(key, Now.AddMinutes(1), CancellationToken.None));
        var afterExpiry = second with { CreatedAt = Now.AddDays(2) };
        Assert.Equal(afterExpiry, await store.SaveAnswerAsync(afterExpiry, Now.AddDays(1), CancellationToken.None));
    }

    public void Dispose()
    {
        DisposeStore();
        GC.SuppressFinalize(this);
    }
}

public sealed class SqliteSubmissionStoreTests : SubmissionStoreContract
{
    private readonly TempSqlite _sqlite = new();

    protected override ISubmissionStore CreateStore() => new SqliteSubmissionStore(_sqlite.Database);

    protected override void DisposeStore() => _sqlite.Dispose();
}

public sealed class MongoSubmissionStoreTests : SubmissionStoreContract
{
    private TempMongo? _mongo;

    protected override ISubmissionStore CreateStore()
    {
        _mongo = new TempMongo();
        return new MongoSubmissionStore(_mongo.Database);
    }

    protected override void DisposeStore() => _mongo?.Dispose();
}
