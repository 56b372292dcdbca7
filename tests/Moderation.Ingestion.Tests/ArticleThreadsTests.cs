using Moderation.Contracts;
using Moderation.Ingestion.Domain;
using Moderation.Ingestion.Intake;
using Moderation.Ingestion.Storage;
using Moderation.ServiceDefaults;
using Moderation.Testing;

namespace Moderation.Ingestion.Tests;

/// <summary>The articles comments name are read once, and one not found yet is found once it is stored.</summary>
public sealed class ArticleThreadsTests : IDisposable
{
    private readonly TempSqlite _sqlite = new();

    public void Dispose() => _sqlite.Dispose();

    [Fact]
    public async Task An_article_not_found_is_found_once_it_is_stored_and_then_read_from_memory()
    {
        var store = new SqliteSubmissionStore(_sqlite.Database);
        await ((IModerationStore)store).InitializeAsync(CancellationToken.None);
        using var threads = new ArticleThreads(store);
        var article = SubmissionRecord.Received(new SubmissionRecord
        {
            SubmissionId = Guid.NewGuid(),
            Kind = ContentKind.Article,
            ArticleId = Guid.NewGuid(),
            Source = "news.example",
            Title = "A busy thread",
            Body = "Body",
            ReceivedAt = DateTimeOffset.UtcNow,
        });

        Assert.Null(await threads.FindAsync(article.ArticleId, CancellationToken.None));
        await store.AddAsync(article, CancellationToken.None);
        Assert.Equal(new ArticleThread("news.example", "A busy thread"), await threads.FindAsync(article.ArticleId, CancellationToken.None));

        _sqlite.Dispose();
        Assert.Equal(new ArticleThread("news.example", "A busy thread"), await threads.FindAsync(article.ArticleId, CancellationToken.None));
    }
}
