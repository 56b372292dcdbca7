using System.Runtime.CompilerServices;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Moderation.Audit.Domain;
using Moderation.Audit.Domain.Chain;
using Moderation.Storage;

namespace Moderation.Audit.Storage;

public sealed class SqliteAuditLog(SqliteDatabase database, ChainKeyRing chainKeys) : IAuditLog, IModerationStore
{
    private const string Columns = "sequence, event_key, event_type, submission_id, actor, occurred_at, data, previous_hash, hash, schema_version, key_id";

    public async Task InitializeAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenForWriteAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            CREATE TABLE IF NOT EXISTS audit_entries (
                sequence INTEGER PRIMARY KEY,
                event_key TEXT NOT NULL UNIQUE,
                event_type TEXT NOT NULL,
                submission_id TEXT NOT NULL,
                actor TEXT NOT NULL,
                occurred_at INTEGER NOT NULL,
                data TEXT NOT NULL,
                previous_hash TEXT NOT NULL,
                hash TEXT NOT NULL,
                schema_version INTEGER NOT NULL,
                key_id TEXT
            );
            CREATE INDEX IF NOT EXISTS ix_audit_entries_submission ON audit_entries (submission_id, sequence);
            """;
        await command.ExecuteNonQueryAsync(cancellationToken);
        await AddMissingColumnAsync(connection, "schema_version", $"INTEGER NOT NULL DEFAULT {AuditEntrySchema.UnkeyedVersion}", cancellationToken);
        await AddMissingColumnAsync(connection, "key_id", "TEXT", cancellationToken);
    }

    /// <summary>A log created before a column existed gets it, with the value its rows were written under.</summary>
    private static async Task AddMissingColumnAsync(SqliteConnection connection, string column, string definition, CancellationToken cancellationToken)
    {
        await using var exists = connection.CreateCommand();
        exists.CommandText = "SELECT COUNT(*) FROM pragma_table_info('audit_entries') WHERE name = $column";
        exists.Parameters.AddWithValue("$column", column);
        if ((long)(await exists.ExecuteScalarAsync(cancellationToken))! == 0)
        {
            await using var alter = connection.CreateCommand();
            alter.CommandText = $"ALTER TABLE audit_entries ADD COLUMN {column} {definition}";
            await alter.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    public async Task<AuditEntry> AppendAsync(AuditDraft draft, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(draft);
        return (await AppendManyAsync([draft], cancellationToken))[0];
    }

    public async Task<IReadOnlyList<AuditEntry>> AppendManyAsync(IReadOnlyList<AuditDraft> drafts, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(drafts);
        if (drafts.Count == 0)
        {
            return [];
        }

        await using var connection = await database.OpenForWriteAsync(cancellationToken);

        // BEGIN IMMEDIATE: one writer at a time, so reading the last link and adding the next ones is
        // atomic; an event logged earlier in this transaction is found like any other.
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
        await using var existing = connection.CreateCommand();
        existing.Transaction = transaction;
        existing.CommandText = $"SELECT {Columns} FROM audit_entries WHERE event_key = $key";
        var existingKey = existing.Parameters.Add("$key", SqliteType.Text);

        await using var last = connection.CreateCommand();
        last.Transaction = transaction;
        last.CommandText = "SELECT sequence, hash FROM audit_entries ORDER BY sequence DESC LIMIT 1";
        long sequence = 0;
        var previousHash = AuditEntry.GenesisHash;
        await using (var reader = await last.ExecuteReaderAsync(cancellationToken))
        {
            if (await reader.ReadAsync(cancellationToken))
            {
                sequence = reader.GetInt64(0);
                previousHash = reader.GetString(1);
            }
        }

        await using var insert = connection.CreateCommand();
        insert.Transaction = transaction;
        insert.CommandText = $"INSERT INTO audit_entries ({Columns}) VALUES ($sequence, $key, $type, $submission, $actor, $at, $data, $previous, $hash, $schema, $keyId)";
        var entries = new List<AuditEntry>(drafts.Count);
        foreach (var draft in drafts)
        {
            ArgumentNullException.ThrowIfNull(draft);
            existingKey.Value = draft.EventKey;
            var logged = await ReadAllAsync(existing, cancellationToken).FirstOrDefaultAsync(cancellationToken);
            if (logged is not null)
            {
                entries.Add(logged);
                continue;
            }

            var entry = AuditEntry.Chain(draft, ++sequence, previousHash, chainKeys.Active);
            insert.Parameters.Clear();
            insert.Parameters.AddWithValue("$sequence", entry.Sequence);
            insert.Parameters.AddWithValue("$key", entry.EventKey);
            insert.Parameters.AddWithValue("$type", entry.EventType);
            insert.Parameters.AddWithValue("$submission", entry.SubmissionId.ToString());
            insert.Parameters.AddWithValue("$actor", entry.Actor);
            insert.Parameters.AddWithValue("$at", entry.OccurredAt.ToUnixTimeMilliseconds());
            insert.Parameters.AddWithValue("$data", JsonSerializer.Serialize(entry.Data, AuditEntrySchema.DataJson));
            insert.Parameters.AddWithValue("$previous", entry.PreviousHash);
            insert.Parameters.AddWithValue("$hash", entry.Hash);
            insert.Parameters.AddWithValue("$schema", AuditEntrySchema.CurrentVersion);
            insert.Parameters.AddWithValue("$keyId", entry.KeyId);
            await insert.ExecuteNonQueryAsync(cancellationToken);
            previousHash = entry.Hash;
            entries.Add(entry);
        }

        await transaction.CommitAsync(cancellationToken);
        return entries;
    }

    public async Task<AuditEntry?> LastAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {Columns} FROM audit_entries ORDER BY sequence DESC LIMIT 1";
        return await ReadAllAsync(command, cancellationToken).FirstOrDefaultAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<AuditEntry>> ListAsync(Guid? submissionId, long after, int limit, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = $"""
            SELECT {Columns} FROM audit_entries
            WHERE sequence > $after AND ($submission IS NULL OR submission_id = $submission)
            ORDER BY sequence LIMIT $limit
            """;
        command.Parameters.AddWithValue("$after", after);
        command.Parameters.AddWithValue("$submission", (object?)submissionId?.ToString() ?? DBNull.Value);
        command.Parameters.AddWithValue("$limit", limit);
        return await ReadAllAsync(command, cancellationToken).ToListAsync(cancellationToken);
    }

    public async IAsyncEnumerable<AuditEntry> ReadAllAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {Columns} FROM audit_entries ORDER BY sequence";
        await foreach (var entry in ReadAllAsync(command, cancellationToken))
        {
            yield return entry;
        }
    }

    private static async IAsyncEnumerable<AuditEntry> ReadAllAsync(SqliteCommand command, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            AuditEntrySchema.Checked(reader.GetInt32(9), reader.GetInt64(0));
            yield return new AuditEntry(
                reader.GetInt64(0),
                reader.GetString(1),
                reader.GetString(2),
                Guid.Parse(reader.GetString(3)),
                reader.GetString(4),
                DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(5)),
                JsonSerializer.Deserialize<Dictionary<string, string?>>(reader.GetString(6), AuditEntrySchema.DataJson)!,
                reader.GetString(7),
                reader.GetString(8),
                reader.IsDBNull(10) ? null : reader.GetString(10));
        }
    }
}
