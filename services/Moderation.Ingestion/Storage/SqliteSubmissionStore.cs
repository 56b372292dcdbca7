using System.Text.Json;
using Microsoft.Data.Sqlite;
using Moderation.Contracts;
using Moderation.Ingestion.Domain;
using Moderation.Messaging;
using Moderation.ServiceDefaults;
using Moderation.Storage;
using Moderation.WebConsole;

namespace Moderation.Ingestion.Storage;

public sealed class SqliteSubmissionStore(SqliteDatabase database) : ISubmissionStore, IModerationStore
{
    public async Task InitializeAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenForWriteAsync(cancellationToken);
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
            CREATE TABLE IF NOT EXISTS ingestion_idempotency (
                idempotency_key TEXT PRIMARY KEY,
                request_hash TEXT NOT NULL,
                status_code INTEGER NOT NULL,
                body TEXT NOT NULL,
                location TEXT NULL,
                created_at INTEGER NOT NULL
            );
            CREATE INDEX IF NOT EXISTS ix_ingestion_submissions_article ON ingestion_submissions (article_id, kind);
            CREATE UNIQUE INDEX IF NOT EXISTS ix_ingestion_submissions_comment ON ingestion_submissions (comment_id) WHERE comment_id IS NOT NULL;
            CREATE INDEX IF NOT EXISTS ix_ingestion_submissions_pending ON ingestion_submissions (received_at) WHERE published_at IS NULL;
            """;
        await command.ExecuteNonQueryAsync(cancellationToken);

        // Files written before content hashes existed gain the column; new files get it here too.
        await using var columns = connection.CreateCommand();
        columns.CommandText = "SELECT COUNT(*) FROM pragma_table_info('ingestion_submissions') WHERE name = 'content_hash'";
        if (Convert.ToInt64(await columns.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture) == 0)
        {
            await using var alter = connection.CreateCommand();
            alter.CommandText = """
                ALTER TABLE ingestion_submissions ADD COLUMN content_hash TEXT NULL;
                CREATE INDEX IF NOT EXISTS ix_ingestion_submissions_content ON ingestion_submissions (content_hash, received_at);
                """;
            await alter.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    public async Task AddAsync(SubmissionRecord record, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(record);
        await using var write = await WriteTransaction.BeginAsync(database, cancellationToken);
        await write.InsertAsync(record, cancellationToken);
        await write.CommitAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<SubmissionRecord?>> AddManyUnlessDuplicateAsync(
        IReadOnlyList<SubmissionRecord> records, TimeSpan duplicateWindow, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(records);
        await using var write = await WriteTransaction.BeginAsync(database, cancellationToken);
        var firsts = new SubmissionRecord?[records.Count];
        for (var i = 0; i < records.Count; i++)
        {
            firsts[i] = await write.AddUnlessDuplicateAsync(records[i], records[i].ReceivedAt - duplicateWindow, cancellationToken);
        }

        await write.CommitAsync(cancellationToken);
        return firsts;
    }

    public Task<IReadOnlyList<SubmissionRecord>> ListCommentsAsync(Guid articleId, int limit, CancellationToken cancellationToken) =>
        ListAsync("article_id = $key AND kind = 'Comment' ORDER BY received_at, submission_id", articleId.ToString(), limit, cancellationToken);

    public async Task<IdempotentAnswer?> FindAnswerAsync(string key, DateTimeOffset notBefore, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await FindAnswerAsync(connection, null, key, notBefore, cancellationToken);
    }

    public async Task<IdempotentAnswer> SaveAnswerAsync(IdempotentAnswer answer, DateTimeOffset replaceBefore, CancellationToken cancellationToken)
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
        var kept = await FindAnswerAsync(connection, transaction, answer.Key, DateTimeOffset.MinValue, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return kept!;
    }

    private static async Task<IdempotentAnswer?> FindAnswerAsync(
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

    public Task<SubmissionRecord?> GetAsync(Guid submissionId, CancellationToken cancellationToken) =>
        FindOneAsync("submission_id = $key", submissionId, cancellationToken);

    public Task<SubmissionRecord?> FindArticleAsync(Guid articleId, CancellationToken cancellationToken) =>
        FindOneAsync("article_id = $key AND kind = 'Article'", articleId, cancellationToken);

    public Task<SubmissionRecord?> FindCommentAsync(Guid commentId, CancellationToken cancellationToken) =>
        FindOneAsync("comment_id = $key", commentId, cancellationToken);

    public async Task UpdateManyAsync(IReadOnlyList<SubmissionChange> changes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(changes);
        await using var write = await WriteTransaction.BeginAsync(database, cancellationToken);

        // A submission changed several times in one call (its verdict and its decision, arriving
        // together) is read and written once, its changes applied in order.
        foreach (var bySubmission in changes.GroupBy(c => c.SubmissionId))
        {
            await write.ChangeAsync(bySubmission.Key, record => bySubmission.Aggregate(false, (changed, c) => c.Change(record) | changed), cancellationToken);
        }

        await write.CommitAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<PendingEvent>> ListPendingAsync(DateTimeOffset storedBefore, int limit, CancellationToken cancellationToken)
    {
        var records = await ListAsync("published_at IS NULL AND received_at < $key ORDER BY received_at", storedBefore.ToUnixTimeMilliseconds(), limit, cancellationToken);
        return records.Select(r => new PendingEvent(r.SubmissionId.ToString(), r.ToEvent())).ToList();
    }

    public Task MarkPublishedAsync(IReadOnlyCollection<string> keys, DateTimeOffset publishedAt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(keys);
        return UpdateManyAsync([.. keys.Select(key => new SubmissionChange(Guid.Parse(key), record => record.MarkPublished(publishedAt)))], cancellationToken);
    }

    private async Task<IReadOnlyList<SubmissionRecord>> ListAsync(string whereAndOrder, object key, int limit, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT document FROM ingestion_submissions WHERE {whereAndOrder} LIMIT $limit";
        command.Parameters.AddWithValue("$key", key);
        command.Parameters.AddWithValue("$limit", limit);
        var records = new List<SubmissionRecord>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            records.Add(JsonSerializer.Deserialize<SubmissionRecord>(reader.GetString(0), ModerationJson.Options)!);
        }

        return records;
    }

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

    /// <summary>
    /// One write transaction on the submissions, at this process's write gate. Each statement is
    /// created once and run again for every record, so a batch costs one transaction, not one per record.
    /// </summary>
    private sealed class WriteTransaction : IAsyncDisposable
    {
        private readonly SqliteConnection _connection;
        private readonly SqliteTransaction _transaction;
        private SqliteCommand? _findFirst;
        private SqliteCommand? _insert;
        private SqliteCommand? _read;
        private SqliteCommand? _write;

        private WriteTransaction(SqliteConnection connection, SqliteTransaction transaction)
        {
            _connection = connection;
            _transaction = transaction;
        }

        public static async Task<WriteTransaction> BeginAsync(SqliteDatabase database, CancellationToken cancellationToken)
        {
            var connection = await database.OpenForWriteAsync(cancellationToken);
            try
            {
                return new WriteTransaction(connection, (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken));
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
                return JsonSerializer.Deserialize<SubmissionRecord>(json, ModerationJson.Options);
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
            _insert.Parameters["$document"].Value = JsonSerializer.Serialize(record, ModerationJson.Options);
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

            var record = JsonSerializer.Deserialize<SubmissionRecord>(json, ModerationJson.Options)!;
            if (!change(record))
            {
                return false;
            }

            _write ??= Command("UPDATE ingestion_submissions SET document = $document, published_at = $published WHERE submission_id = $id", "$id", "$document", "$published");
            _write.Parameters["$id"].Value = submissionId.ToString();
            _write.Parameters["$document"].Value = JsonSerializer.Serialize(record, ModerationJson.Options);
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
}
