using Microsoft.Data.Sqlite;
using Moderation.Ingestion.Domain;
using Moderation.Storage;

namespace Moderation.Ingestion.Storage;

/// <summary>
/// One write transaction on the submissions, at this process's write gate. Each statement is
/// created once and run again for every record, so a batch costs one transaction, not one per record.
/// </summary>
internal sealed class SqliteSubmissionWrites : IAsyncDisposable
{
    private readonly SqliteConnection _connection;
    private readonly SqliteTransaction _transaction;
    private SqliteCommand? _findFirst;
    private SqliteCommand? _insert;
    private SqliteCommand? _read;
    private SqliteCommand? _write;

    private SqliteSubmissionWrites(SqliteConnection connection, SqliteTransaction transaction)
    {
        _connection = connection;
        _transaction = transaction;
    }

    public static async Task<SqliteSubmissionWrites> BeginAsync(SqliteDatabase database, CancellationToken cancellationToken)
    {
        var connection = await database.OpenForWriteAsync(cancellationToken);
        try
        {
            return new SqliteSubmissionWrites(connection, (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken));
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    public Task CommitAsync(CancellationToken cancellationToken) => _transaction.CommitAsync(cancellationToken);

    public async Task<SubmissionRecord?> AddUnlessDuplicateAsync(SubmissionRecord record, DateTimeOffset windowStart, CancellationToken cancellationToken)
    {
        _findFirst ??= Command("""
            SELECT document FROM ingestion_submissions
            WHERE content_hash = $hash AND received_at >= $since
            ORDER BY received_at LIMIT 1
            """, "$hash", "$since");
        _findFirst.Parameters["$hash"].Value = record.ContentHash;
        _findFirst.Parameters["$since"].Value = windowStart.ToUnixTimeMilliseconds();
        if (await _findFirst.ExecuteScalarAsync(cancellationToken) is string json)
        {
            return SubmissionDocument.Deserialize(json);
        }

        await InsertAsync(record, cancellationToken);
        return null;
    }

    public async Task InsertAsync(SubmissionRecord record, CancellationToken cancellationToken)
    {
        _insert ??= Command("""
            INSERT INTO ingestion_submissions (submission_id, kind, article_id, comment_id, received_at, published_at, content_hash, document)
            VALUES ($id, $kind, $article, $comment, $received, $published, $hash, $document)
            """, "$id", "$kind", "$article", "$comment", "$received", "$published", "$hash", "$document");
        _insert.Parameters["$id"].Value = record.SubmissionId.ToString();
        _insert.Parameters["$kind"].Value = record.Kind.ToString();
        _insert.Parameters["$article"].Value = record.ArticleId.ToString();
        _insert.Parameters["$comment"].Value = (object?)record.CommentId?.ToString() ?? DBNull.Value;
        _insert.Parameters["$received"].Value = record.ReceivedAt.ToUnixTimeMilliseconds();
        _insert.Parameters["$published"].Value = (object?)record.PublishedAt?.ToUnixTimeMilliseconds() ?? DBNull.Value;
        _insert.Parameters["$hash"].Value = record.ContentHash;
        _insert.Parameters["$document"].Value = SubmissionDocument.Serialize(record);
        await _insert.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Reads a submission, lets <paramref name="change"/> change it and writes it back; false when it does not exist or nothing changed.</summary>
    public async Task<bool> ChangeAsync(Guid submissionId, Func<SubmissionRecord, bool> change, CancellationToken cancellationToken)
    {
        _read ??= Command("SELECT document FROM ingestion_submissions WHERE submission_id = $id", "$id");
        _read.Parameters["$id"].Value = submissionId.ToString();
        if (await _read.ExecuteScalarAsync(cancellationToken) is not string json)
        {
            return false;
        }

        var record = SubmissionDocument.Deserialize(json);
        if (!change(record))
        {
            return false;
        }

        _write ??= Command("UPDATE ingestion_submissions SET document = $document, published_at = $published WHERE submission_id = $id", "$id", "$document", "$published");
        _write.Parameters["$id"].Value = submissionId.ToString();
        _write.Parameters["$document"].Value = SubmissionDocument.Serialize(record);
        _write.Parameters["$published"].Value = (object?)record.PublishedAt?.ToUnixTimeMilliseconds() ?? DBNull.Value;
        await _write.ExecuteNonQueryAsync(cancellationToken);
        return true;
    }

    private SqliteCommand Command(string text, params string[] parameters)
    {
        var command = _connection.CreateCommand();
        command.Transaction = _transaction;
        command.CommandText = text;
        foreach (var name in parameters)
        {
            command.Parameters.AddWithValue(name, DBNull.Value);
        }

        return command;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var command in new[] { _findFirst, _insert, _read, _write })
        {
            if (command is not null)
            {
                await command.DisposeAsync();
            }
        }

        await _transaction.DisposeAsync();
        await _connection.DisposeAsync();
    }
}
