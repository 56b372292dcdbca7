using Moderation.Contracts;
using Moderation.Ingestion.Domain;
using Moderation.Ingestion.Storage;
using Moderation.ServiceDefaults;
using Moderation.Testing;

namespace Moderation.Ingestion.Tests;

/// <summary>What every adapter of <see cref="ISubmissionStore"/> must do; run once per adapter.</summary>
public abstract class SubmissionStoreContract : IDisposable
{
    private static readonly DateTimeOffset Now = new(2026, 11, 25, 10, 0, 0, TimeSpan.Zero);
    private ISubmissionStore? _store;

    protected abstract ISubmissionStore CreateStore();

    protected abstract void DisposeStore();

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

    private static SubmissionRecord Article(DateTimeOffset receivedAt) => SubmissionRecord.Received(new SubmissionRecord
    {
        SubmissionId = Guid.NewGuid(),
        Kind = ContentKind.Article,
        ArticleId = Guid.NewGuid(),
        Source = "news.example",
        Title = "Title",
        Body = "Body",
        ReceivedAt = receivedAt,
    });

    private static SubmissionRecord Comment(SubmissionRecord article, Guid? parent = null) => SubmissionRecord.Received(new SubmissionRecord
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
        ReceivedAt = Now,
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

        await Task.WhenAll(Enumerable.Range(0, 20).Select(i => Task.Run(() => store.UpdateAsync(article.SubmissionId, record =>
        {
            record.AppliedEvents.Add($"event-{i}");
            return true;
        }, CancellationToken.None))));

        var read = await store.GetAsync(article.SubmissionId, CancellationToken.None);
        Assert.Equal(20, read!.AppliedEvents.Count);
    }

    [SkippableFact]
    public async Task An_update_that_changes_nothing_or_finds_nothing_reports_false()
    {
        var store = await StoreAsync();
        var article = Article(Now);
        await store.AddAsync(article, CancellationToken.None);

        Assert.False(await store.UpdateAsync(article.SubmissionId, _ => false, CancellationToken.None));
        Assert.False(await store.UpdateAsync(Guid.NewGuid(), _ => true, CancellationToken.None));
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

        await store.MarkPublishedAsync(only.Key, Now, CancellationToken.None);
        Assert.Empty(await store.ListPendingAsync(Now.AddMinutes(-1), 100, CancellationToken.None));
        Assert.Equal(Now, (await store.GetAsync(old.SubmissionId, CancellationToken.None))!.PublishedAt);
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
