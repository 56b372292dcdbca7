using System.Text.Json;
using Microsoft.Data.Sqlite;
using Moderation.Messaging;
using Moderation.Review.Domain;
using Moderation.Review.Domain.Queue;
using Moderation.Review.Storage.Documents;
using Moderation.Storage;

namespace Moderation.Review.Storage;

public sealed class SqliteReviewQueue(SqliteDatabase database) : IReviewQueue, IModerationStore
{
    private const string Columns = "item_id, status, claimed_by, lease_until, document";

    /// <summary>Columns added after the first release; a table made before them gets them on start-up.</summary>
    private static readonly (string Name, string Definition)[] AddedColumns =
    [
        ("comment_id", "TEXT NULL"),
        ("due_at", "INTEGER NULL"),
        ("excluded", "TEXT NOT NULL DEFAULT ''"),
    ];

    public async Task InitializeAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenForWriteAsync(cancellationToken);
        await using (var table = connection.CreateCommand())
        {
            table.CommandText = """
            CREATE TABLE IF NOT EXISTS review_items (
                item_id TEXT PRIMARY KEY,
                submission_id TEXT NOT NULL UNIQUE,
                queued INTEGER NOT NULL,
                status TEXT NOT NULL,
                escalated INTEGER NOT NULL,
                top_category TEXT NOT NULL,
                priority REAL NOT NULL,
                claimed_by TEXT NULL,
                lease_until INTEGER NULL,
                created_at INTEGER NOT NULL,
                comment_id TEXT NULL,
                due_at INTEGER NULL,
                excluded TEXT NOT NULL DEFAULT '',
                unpublished INTEGER NOT NULL,
                document TEXT NOT NULL
            );
            """;
            await table.ExecuteNonQueryAsync(cancellationToken);
        }

        var columns = new HashSet<string>(StringComparer.Ordinal);
        await using (var info = connection.CreateCommand())
        {
            info.CommandText = "SELECT name FROM pragma_table_info('review_items')";
            await using var reader = await info.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                columns.Add(reader.GetString(0));
            }
        }

        foreach (var (name, definition) in AddedColumns.Where(c => !columns.Contains(c.Name)))
        {
            await using var alter = connection.CreateCommand();
            alter.CommandText = $"ALTER TABLE review_items ADD COLUMN {name} {definition}";
            await alter.ExecuteNonQueryAsync(cancellationToken);
        }

        await using var command = connection.CreateCommand();
        command.CommandText = """
            CREATE INDEX IF NOT EXISTS ix_review_items_order ON review_items (queued, status, priority DESC, due_at);
            CREATE INDEX IF NOT EXISTS ix_review_items_held ON review_items (claimed_by, status);
            CREATE UNIQUE INDEX IF NOT EXISTS ix_review_items_comment ON review_items (comment_id) WHERE comment_id IS NOT NULL;
            CREATE INDEX IF NOT EXISTS ix_review_items_unpublished ON review_items (unpublished) WHERE unpublished = 1;
            """;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<ReviewItem>> UpsertManyBySubmissionAsync(IReadOnlyList<ReviewItemChange> changes, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(changes);
        await using var connection = await database.OpenForWriteAsync(cancellationToken);
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
        var current = (await ReadManyAsync(connection, transaction, "submission_id", changes.Select(c => c.SubmissionId), cancellationToken))
            .ToDictionary(i => i.SubmissionId);
        var writes = new Dictionary<Guid, (ReviewItem Item, bool Insert)>();
        var items = new List<ReviewItem>(changes.Count);
        foreach (var (submissionId, change) in changes)
        {
            if (!current.TryGetValue(submissionId, out var item))
            {
                item = ReviewItem.New(submissionId, now);
                current.Add(submissionId, item);
                writes.Add(submissionId, (item, true));
            }

            if (change(item))
            {
                writes.TryAdd(submissionId, (item, false));
            }

            items.Add(item);
        }

        await CommitAsync(connection, transaction, writes.Values, cancellationToken);
        return items;
    }

    public async Task<ReviewItem?> GetAsync(Guid itemId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await ReadAsync(connection, null, "item_id = $key", itemId, cancellationToken);
    }

    public async Task<ReviewItem?> GetBySubmissionAsync(Guid submissionId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await ReadAsync(connection, null, "submission_id = $key", submissionId, cancellationToken);
    }

    public async Task<ReviewItem?> GetByCommentAsync(Guid commentId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await ReadAsync(connection, null, "comment_id = $key", commentId, cancellationToken);
    }

    public async Task<ReviewItem?> UpdateAsync(Guid itemId, Func<ReviewItem, bool> change, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(change);
        await using var connection = await database.OpenForWriteAsync(cancellationToken);
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
        var item = await ReadAsync(connection, transaction, "item_id = $key", itemId, cancellationToken);
        if (item is not null && change(item))
        {
            await CommitAsync(connection, transaction, [(item, false)], cancellationToken);
        }

        return item;
    }

    public async Task<IReadOnlyList<ReviewItem>> ClaimAsync(ClaimSpec claim, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(claim);
        await using var connection = await database.OpenForWriteAsync(cancellationToken);

        // Microsoft.Data.Sqlite begins IMMEDIATE: the count of held leases and the claim see the same queue.
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
        await using var held = connection.CreateCommand();
        held.Transaction = transaction;
        held.CommandText = $"SELECT COUNT(*) FROM review_items WHERE {new SqliteQueueSql(held).Where(claim.Held)}";
        var take = claim.Rules.Take(claim.Count, (long)(await held.ExecuteScalarAsync(cancellationToken))!);
        if (take == 0)
        {
            return [];
        }

        await using var update = connection.CreateCommand();
        update.Transaction = transaction;
        var sql = new SqliteQueueSql(update);
        update.CommandText = $"""
            UPDATE review_items SET status = {sql.Parameter(ReviewItemState.Claimed)}, claimed_by = {sql.Parameter(claim.Moderator)},
                lease_until = {sql.Parameter(claim.LeaseUntil)}
            WHERE item_id IN (
                SELECT item_id FROM review_items WHERE {sql.Where(claim.Claimable)} ORDER BY {sql.OrderBy(claim.Now)} LIMIT {sql.Parameter(take)})
            RETURNING {Columns}
            """;
        var items = await ReadAllAsync(update, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return ReviewQueueOrder.Sort(items, claim.Now);
    }

    public async Task<ReviewQueuePage> ListAsync(ReviewQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var wanted = query.Condition();
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var count = connection.CreateCommand();
        var countSql = new SqliteQueueSql(count);
        count.CommandText = $"""
            SELECT COUNT(*), COUNT(CASE WHEN {countSql.Where(ReviewQueueOrder.PastSla(query.Now))} THEN 1 END)
            FROM review_items WHERE {countSql.Where(wanted)}
            """;
        await using var page = connection.CreateCommand();
        var pageSql = new SqliteQueueSql(page);
        page.CommandText = $"""
            SELECT {Columns} FROM review_items WHERE {pageSql.Where(wanted)} ORDER BY {pageSql.OrderBy(query.Now)}
            LIMIT {pageSql.Parameter(query.PageSize)} OFFSET {pageSql.Parameter((long)(query.Page - 1) * query.PageSize)}
            """;
        long total, pastSla;
        await using (var reader = await count.ExecuteReaderAsync(cancellationToken))
        {
            await reader.ReadAsync(cancellationToken);
            total = reader.GetInt64(0);
            pastSla = reader.GetInt64(1);
        }

        return new ReviewQueuePage(await ReadAllAsync(page, cancellationToken), total, pastSla);
    }

    public async Task<IReadOnlyList<PendingEvent>> ListPendingAsync(DateTimeOffset storedBefore, int limit, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {Columns} FROM review_items WHERE unpublished = 1 LIMIT $limit";
        command.Parameters.AddWithValue("$limit", limit);
        var items = await ReadAllAsync(command, cancellationToken);
        return ReviewRules.PendingDecisions(items, storedBefore, limit);
    }

    public async Task MarkPublishedAsync(IReadOnlyCollection<string> keys, DateTimeOffset publishedAt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(keys);
        var events = keys.Select(DecisionKey.Parse).ToList();
        await using var connection = await database.OpenForWriteAsync(cancellationToken);
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
        var items = (await ReadManyAsync(connection, transaction, "item_id", events.Select(e => e.ItemId), cancellationToken)).ToDictionary(i => i.ItemId);
        var marked = new Dictionary<Guid, (ReviewItem Item, bool Insert)>();
        foreach (var (itemId, eventId) in events)
        {
            if (items.TryGetValue(itemId, out var item) && ReviewRules.MarkPublished(item, eventId, publishedAt))
            {
                marked.TryAdd(itemId, (item, false));
            }
        }

        await CommitAsync(connection, transaction, marked.Values, cancellationToken);
    }

    /// <summary>The items whose <paramref name="column"/> is one of <paramref name="keys"/>, in one statement however many there are.</summary>
    private static async Task<List<ReviewItem>> ReadManyAsync(
        SqliteConnection connection, SqliteTransaction transaction, string column, IEnumerable<Guid> keys, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = $"SELECT {Columns} FROM review_items WHERE {column} IN (SELECT value FROM json_each($keys))";
        command.Parameters.AddWithValue("$keys", JsonSerializer.Serialize(keys.Select(k => k.ToString()).Distinct()));
        return await ReadAllAsync(command, cancellationToken);
    }

    /// <summary>Writes the items a transaction changed and commits it; a transaction that changed nothing is rolled back on disposal.</summary>
    private static async Task CommitAsync(
        SqliteConnection connection, SqliteTransaction transaction, IReadOnlyCollection<(ReviewItem Item, bool Insert)> writes, CancellationToken cancellationToken)
    {
        if (writes.Count == 0)
        {
            return;
        }

        foreach (var (item, insert) in writes)
        {
            await WriteAsync(connection, transaction, item, insert, cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
    }

    private static async Task<ReviewItem?> ReadAsync(SqliteConnection connection, SqliteTransaction? transaction, string where, Guid key, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = $"SELECT {Columns} FROM review_items WHERE {where}";
        command.Parameters.AddWithValue("$key", key.ToString());
        return (await ReadAllAsync(command, cancellationToken)).SingleOrDefault();
    }

    private static async Task<List<ReviewItem>> ReadAllAsync(SqliteCommand command, CancellationToken cancellationToken)
    {
        var items = new List<ReviewItem>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            items.Add(ReviewItemDocument.Read(
                reader.GetString(4),
                StoredState.Parse(reader.GetString(1)),
                reader.IsDBNull(2) ? null : reader.GetString(2),
                reader.IsDBNull(3) ? null : DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(3))));
        }

        return items;
    }

    private static async Task WriteAsync(SqliteConnection connection, SqliteTransaction transaction, ReviewItem item, bool insert, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = insert
            ? """
              INSERT INTO review_items (item_id, submission_id, queued, status, escalated, top_category, priority, claimed_by, lease_until, created_at,
                  comment_id, due_at, excluded, unpublished, document)
              VALUES ($id, $submission, $queued, $status, $escalated, $category, $priority, $claimedBy, $lease, $created,
                  $comment, $due, $excluded, $unpublished, $document)
              """
            : """
              UPDATE review_items SET queued = $queued, status = $status, escalated = $escalated, top_category = $category,
                  priority = $priority, claimed_by = $claimedBy, lease_until = $lease, comment_id = $comment, due_at = $due, excluded = $excluded,
                  unpublished = $unpublished, document = $document
              WHERE item_id = $id
              """;
        command.Parameters.AddWithValue("$id", item.ItemId.ToString());
        command.Parameters.AddWithValue("$submission", item.SubmissionId.ToString());
        command.Parameters.AddWithValue("$queued", item.IsQueued ? 1 : 0);
        command.Parameters.AddWithValue("$status", StoredState.Name(item.State));
        command.Parameters.AddWithValue("$escalated", item.Escalated ? 1 : 0);
        command.Parameters.AddWithValue("$category", item.TopCategory);
        command.Parameters.AddWithValue("$priority", item.Priority);
        command.Parameters.AddWithValue("$claimedBy", (object?)item.ClaimedBy ?? DBNull.Value);
        command.Parameters.AddWithValue("$lease", (object?)item.LeaseUntil?.ToUnixTimeMilliseconds() ?? DBNull.Value);
        command.Parameters.AddWithValue("$created", item.CreatedAt.ToUnixTimeMilliseconds());
        command.Parameters.AddWithValue("$comment", (object?)item.CommentId?.ToString() ?? DBNull.Value);
        command.Parameters.AddWithValue("$due", (object?)item.DueAt?.ToUnixTimeMilliseconds() ?? DBNull.Value);
        command.Parameters.AddWithValue("$excluded", SqliteQueueSql.ExcludedList(item.ExcludedModerators));
        command.Parameters.AddWithValue("$unpublished", item.HasUnpublishedEvents ? 1 : 0);
        command.Parameters.AddWithValue("$document", ReviewItemDocument.Write(item));
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
