using System.Globalization;
using Moderation.Ingestion.Domain;
using Moderation.Messaging;
using Moderation.Storage;

namespace Moderation.Ingestion.Storage;

/// <summary>
/// Submissions in SQLite: one row each, the <see cref="SubmissionDocument"/> in <c>document</c> and
/// the columns queried on beside it. Every write is one transaction (<see cref="SqliteSubmissionWrites"/>)
/// at the process's single writer, so the duplicate check and the insert are atomic; Idempotency-Key
/// answers live in <see cref="SqliteIdempotentAnswers"/>.
/// </summary>
public sealed class SqliteSubmissionStore(SqliteDatabase database) : ISubmissionStore, IModerationStore
{
    private readonly SqliteIdempotentAnswers _answers = new(database);

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
            CREATE INDEX IF NOT EXISTS ix_ingestion_submissions_article ON ingestion_submissions (article_id, kind);
            CREATE UNIQUE INDEX IF NOT EXISTS ix_ingestion_submissions_comment ON ingestion_submissions (comment_id) WHERE comment_id IS NOT NULL;
            CREATE INDEX IF NOT EXISTS ix_ingestion_submissions_pending ON ingestion_submissions (received_at) WHERE published_at IS NULL;
            """ + SqliteIdempotentAnswers.Schema;
        await command.ExecuteNonQueryAsync(cancellationToken);

        // Files written before content hashes existed gain the column; new files get it here too.
        await using var columns = connection.CreateCommand();
        columns.CommandText = "SELECT COUNT(*) FROM pragma_table_info('ingestion_submissions') WHERE name = 'content_hash'";
        if (Convert.ToInt64(await columns.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture) == 0)
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
        await using var write = await SqliteSubmissionWrites.BeginAsync(database, cancellationToken);
        await write.InsertAsync(record, cancellationToken);
        await write.CommitAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<SubmissionRecord?>> AddManyUnlessDuplicateAsync(
        IReadOnlyList<SubmissionRecord> records, TimeSpan duplicateWindow, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(records);
        await using var write = await SqliteSubmissionWrites.BeginAsync(database, cancellationToken);
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

    public Task<IdempotentAnswer?> FindAnswerAsync(string key, DateTimeOffset notBefore, CancellationToken cancellationToken) =>
        _answers.FindAsync(key, notBefore, cancellationToken);

    public Task<IdempotentAnswer> SaveAnswerAsync(IdempotentAnswer answer, DateTimeOffset replaceBefore, CancellationToken cancellationToken) =>
        _answers.SaveAsync(answer, replaceBefore, cancellationToken);

    public Task<SubmissionRecord?> GetAsync(Guid submissionId, CancellationToken cancellationToken) =>
        FindOneAsync("submission_id = $key", submissionId, cancellationToken);

    public Task<SubmissionRecord?> FindArticleAsync(Guid articleId, CancellationToken cancellationToken) =>
        FindOneAsync("article_id = $key AND kind = 'Article'", articleId, cancellationToken);

    public Task<SubmissionRecord?> FindCommentAsync(Guid commentId, CancellationToken cancellationToken) =>
        FindOneAsync("comment_id = $key", commentId, cancellationToken);

    public async Task UpdateManyAsync(IReadOnlyList<SubmissionRecordChange> changes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(changes);
        await using var write = await SqliteSubmissionWrites.BeginAsync(database, cancellationToken);

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
        return UpdateManyAsync([.. keys.Select(key => new SubmissionRecordChange(Guid.Parse(key), record => record.MarkPublished(publishedAt)))], cancellationToken);
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
            records.Add(SubmissionDocument.Deserialize(reader.GetString(0)));
        }

        return records;
    }

    private async Task<SubmissionRecord?> FindOneAsync(string where, Guid key, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT document FROM ingestion_submissions WHERE {where} LIMIT 1";
        command.Parameters.AddWithValue("$key", key.ToString());
        return await command.ExecuteScalarAsync(cancellationToken) is string json ? SubmissionDocument.Deserialize(json) : null;
    }
}
