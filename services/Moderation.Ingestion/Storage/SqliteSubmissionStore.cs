using System.Text.Json;
using Microsoft.Data.Sqlite;
using Moderation.Contracts;
using Moderation.Ingestion.Domain;
using Moderation.ServiceDefaults;

namespace Moderation.Ingestion.Storage;

public sealed class SqliteSubmissionStore(SqliteDatabase database) : ISubmissionStore, IModerationStore
{
    public async Task InitializeAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            CREATE TABLE IF NOT EXISTS ingestion_submissions (
                submission_id TEXT PRIMARY KEY,
                kind TEXT NOT NULL,
                article_id TEXT NOT NULL,
                comment_id TEXT NULL,
                received_at INTEGER NOT NULL,
                published_at INTEGER NULL,
                document TEXT NOT NULL
            );
            CREATE INDEX IF NOT EXISTS ix_ingestion_submissions_article ON ingestion_submissions (article_id, kind);
            CREATE UNIQUE INDEX IF NOT EXISTS ix_ingestion_submissions_comment ON ingestion_submissions (comment_id) WHERE comment_id IS NOT NULL;
            CREATE INDEX IF NOT EXISTS ix_ingestion_submissions_pending ON ingestion_submissions (received_at) WHERE published_at IS NULL;
            """;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task AddAsync(SubmissionRecord record, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(record);
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            INSERT INTO ingestion_submissions (submission_id, kind, article_id, comment_id, received_at, published_at, document)
            VALUES ($id, $kind, $article, $comment, $received, $published, $document)
            """;
        command.Parameters.AddWithValue("$id", record.SubmissionId.ToString());
        command.Parameters.AddWithValue("$kind", record.Kind.ToString());
        command.Parameters.AddWithValue("$article", record.ArticleId.ToString());
        command.Parameters.AddWithValue("$comment", (object?)record.CommentId?.ToString() ?? DBNull.Value);
        command.Parameters.AddWithValue("$received", record.ReceivedAt.ToUnixTimeMilliseconds());
        command.Parameters.AddWithValue("$published", (object?)record.PublishedAt?.ToUnixTimeMilliseconds() ?? DBNull.Value);
        command.Parameters.AddWithValue("$document", JsonSerializer.Serialize(record, ModerationJson.Options));
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public Task<SubmissionRecord?> GetAsync(Guid submissionId, CancellationToken cancellationToken) =>
        FindOneAsync("submission_id = $key", submissionId, cancellationToken);

    public Task<SubmissionRecord?> FindArticleAsync(Guid articleId, CancellationToken cancellationToken) =>
        FindOneAsync("article_id = $key AND kind = 'Article'", articleId, cancellationToken);

    public Task<SubmissionRecord?> FindCommentAsync(Guid commentId, CancellationToken cancellationToken) =>
        FindOneAsync("comment_id = $key", commentId, cancellationToken);

    public async Task<bool> UpdateAsync(Guid submissionId, Func<SubmissionRecord, bool> change, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(change);
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
        await using var read = connection.CreateCommand();
        read.Transaction = transaction;
        read.CommandText = "SELECT document FROM ingestion_submissions WHERE submission_id = $id";
        read.Parameters.AddWithValue("$id", submissionId.ToString());
        if (await read.ExecuteScalarAsync(cancellationToken) is not string json)
        {
            return false;
        }

        var record = JsonSerializer.Deserialize<SubmissionRecord>(json, ModerationJson.Options)!;
        if (!change(record))
        {
            return false;
        }

        await using var write = connection.CreateCommand();
        write.Transaction = transaction;
        write.CommandText = "UPDATE ingestion_submissions SET document = $document, published_at = $published WHERE submission_id = $id";
        write.Parameters.AddWithValue("$id", submissionId.ToString());
        write.Parameters.AddWithValue("$document", JsonSerializer.Serialize(record, ModerationJson.Options));
        write.Parameters.AddWithValue("$published", (object?)record.PublishedAt?.ToUnixTimeMilliseconds() ?? DBNull.Value);
        await write.ExecuteNonQueryAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    public async Task<IReadOnlyList<PendingEvent>> ListPendingAsync(DateTimeOffset storedBefore, int limit, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT document FROM ingestion_submissions
            WHERE published_at IS NULL AND received_at < $before
            ORDER BY received_at LIMIT $limit
            """;
        command.Parameters.AddWithValue("$before", storedBefore.ToUnixTimeMilliseconds());
        command.Parameters.AddWithValue("$limit", limit);
        var pending = new List<PendingEvent>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var record = JsonSerializer.Deserialize<SubmissionRecord>(reader.GetString(0), ModerationJson.Options)!;
            pending.Add(new PendingEvent(record.SubmissionId.ToString(), record.ToEvent()));
        }

        return pending;
    }

    public Task MarkPublishedAsync(string key, DateTimeOffset publishedAt, CancellationToken cancellationToken) =>
        UpdateAsync(Guid.Parse(key), record => record.MarkPublished(publishedAt), cancellationToken);

    private async Task<SubmissionRecord?> FindOneAsync(string where, Guid key, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT document FROM ingestion_submissions WHERE {where} LIMIT 1";
        command.Parameters.AddWithValue("$key", key.ToString());
        return await command.ExecuteScalarAsync(cancellationToken) is string json
            ? JsonSerializer.Deserialize<SubmissionRecord>(json, ModerationJson.Options)
            : null;
    }
}
