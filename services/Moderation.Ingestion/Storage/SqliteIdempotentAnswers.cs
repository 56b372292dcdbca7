using Microsoft.Data.Sqlite;
using Moderation.Ingestion.Domain;
using Moderation.Storage;

namespace Moderation.Ingestion.Storage;

/// <summary>The Idempotency-Key answers of <see cref="SqliteSubmissionStore"/>, one row per scoped key.</summary>
internal sealed class SqliteIdempotentAnswers(SqliteDatabase database)
{
    public const string Schema = """
        CREATE TABLE IF NOT EXISTS ingestion_idempotency (
            idempotency_key TEXT PRIMARY KEY,
            request_hash TEXT NOT NULL,
            status_code INTEGER NOT NULL,
            body TEXT NOT NULL,
            location TEXT NULL,
            created_at INTEGER NOT NULL
        );
        """;

    public async Task<IdempotentAnswer?> FindAsync(string key, DateTimeOffset notBefore, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await FindAsync(connection, null, key, notBefore, cancellationToken);
    }

    /// <summary>Inserts the answer, or replaces one created before <paramref name="replaceBefore"/>; returns the one kept.</summary>
    public async Task<IdempotentAnswer> SaveAsync(IdempotentAnswer answer, DateTimeOffset replaceBefore, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(answer);
        await using var connection = await database.OpenForWriteAsync(cancellationToken);
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
        await using var upsert = connection.CreateCommand();
        upsert.Transaction = transaction;
        upsert.CommandText = """
            INSERT INTO ingestion_idempotency (idempotency_key, request_hash, status_code, body, location, created_at)
            VALUES ($key, $hash, $status, $body, $location, $created)
            ON CONFLICT (idempotency_key) DO UPDATE SET
                request_hash = excluded.request_hash, status_code = excluded.status_code, body = excluded.body,
                location = excluded.location, created_at = excluded.created_at
            WHERE ingestion_idempotency.created_at < $replaceBefore
            """;
        upsert.Parameters.AddWithValue("$key", answer.Key);
        upsert.Parameters.AddWithValue("$hash", answer.RequestHash);
        upsert.Parameters.AddWithValue("$status", answer.StatusCode);
        upsert.Parameters.AddWithValue("$body", answer.Body);
        upsert.Parameters.AddWithValue("$location", (object?)answer.Location ?? DBNull.Value);
        upsert.Parameters.AddWithValue("$created", answer.CreatedAt.ToUnixTimeMilliseconds());
        upsert.Parameters.AddWithValue("$replaceBefore", replaceBefore.ToUnixTimeMilliseconds());
        await upsert.ExecuteNonQueryAsync(cancellationToken);
        var kept = await FindAsync(connection, transaction, answer.Key, DateTimeOffset.MinValue, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return kept!;
    }

    private static async Task<IdempotentAnswer?> FindAsync(
        SqliteConnection connection, SqliteTransaction? transaction, string key, DateTimeOffset notBefore, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = """
            SELECT request_hash, status_code, body, location, created_at FROM ingestion_idempotency
            WHERE idempotency_key = $key AND created_at >= $notBefore
            """;
        command.Parameters.AddWithValue("$key", key);
        command.Parameters.AddWithValue("$notBefore", notBefore.ToUnixTimeMilliseconds());
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken)
            ? new IdempotentAnswer(key, reader.GetString(0), reader.GetInt32(1), reader.GetString(2),
                reader.IsDBNull(3) ? null : reader.GetString(3), DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(4)))
            : null;
    }
}
