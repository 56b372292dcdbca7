using Moderation.Contracts;
using Moderation.Ingestion.Domain;
using Moderation.Ingestion.Storage;
using Moderation.Storage;
using Moderation.Testing;

namespace Moderation.Ingestion.Tests;

/// <summary>A SQLite submission store of a test's own, ready to use, and articles to put in it.</summary>
public sealed class SqliteSubmissions : IDisposable
{
    private SqliteSubmissions(TempSqlite sqlite, SqliteSubmissionStore store)
    {
        Sqlite = sqlite;
        Store = store;
    }

    public TempSqlite Sqlite { get; }

    public SqliteSubmissionStore Store { get; }

    public static async Task<SqliteSubmissions> CreateAsync()
    {
        var sqlite = new TempSqlite();
        var store = new SqliteSubmissionStore(sqlite.Database);
        await ((IModerationStore)store).InitializeAsync(CancellationToken.None);
        return new SqliteSubmissions(sqlite, store);
    }

    public static SubmissionRecord Article(string title) => SubmissionRecord.Received(new SubmissionRecord
    {
        SubmissionId = Guid.NewGuid(),
        Kind = ContentKind.Article,
        ArticleId = Guid.NewGuid(),
        Source = "news.example",
        Title = title,
        Body = "Body",
        ReceivedAt = DateTimeOffset.UtcNow,
    });

    public void Dispose() => Sqlite.Dispose();
}
