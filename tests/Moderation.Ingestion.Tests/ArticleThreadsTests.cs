using Moderation.Ingestion.Intake;

namespace Moderation.Ingestion.Tests;

/// <summary>The articles comments name are read once, and one not found yet is found once it is stored.</summary>
public sealed class ArticleThreadsTests
{
    [Fact]
    public async Task An_article_not_found_is_found_once_it_is_stored_and_then_read_from_memory()
    {
        using var submissions = await SqliteSubmissions.CreateAsync();
        using var threads = new ArticleThreads(submissions.Store);
        var article = SqliteSubmissions.Article("A busy thread");

        Assert.Null(await threads.FindAsync(article.ArticleId, CancellationToken.None));
        await submissions.Store.AddAsync(article, CancellationToken.None);
        Assert.Equal(new ArticleThread("news.example", "A busy thread", Publisher: null), await threads.FindAsync(article.ArticleId, CancellationToken.None));

        submissions.Sqlite.Dispose();
        Assert.Equal(new ArticleThread("news.example", "A busy thread", Publisher: null), await threads.FindAsync(article.ArticleId, CancellationToken.None));
    }
}
