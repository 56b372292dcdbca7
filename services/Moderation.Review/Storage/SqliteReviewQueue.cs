using System.Text.Json;
using Microsoft.Data.Sqlite;
using Moderation.Client;
using Moderation.Contracts;
using Moderation.Review.Domain;
using Moderation.ServiceDefaults;

namespace Moderation.Review.Storage;

public sealed class SqliteReviewQueue(SqliteDatabase database) : IReviewQueue, IModerationStore
{
    private const string Columns = "item_id, status, claimed_by, lease_until, document";

    /// <summary>Pending, or claimed with a lease that has run out.</summary>
    private const string Claimable = "queued = 1 AND (status = 'pending' OR (status = 'claimed' AND lease_until <= $now))";

    public async Task InitializeAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = """
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
                unpublished INTEGER NOT NULL,
                document TEXT NOT NULL
            );
            CREATE INDEX IF NOT EXISTS ix_review_items_queue ON review_items (queued, status, priority DESC, created_at);
            CREATE INDEX IF NOT EXISTS ix_review_items_unpublished ON review_items (unpublished) WHERE unpublished = 1;
            """;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<ReviewItem> UpsertBySubmissionAsync(Guid submissionId, Func<ReviewItem, bool> change, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(change);
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
        var existing = await ReadAsync(connection, transaction, "submission_id = $key", submissionId, cancellationToken);
        var item = existing ?? ReviewItem.New(submissionId, now);
        if (change(item) || existing is null)
        {
            await WriteAsync(connection, transaction, item, insert: existing is null, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }

        return item;
    }

    public async Task<ReviewItem?> GetAsync(Guid itemId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await ReadAsync(connection, null, "item_id = $key", itemId, cancellationToken);
    }

    public async Task<ReviewItem?> UpdateAsync(Guid itemId, Func<ReviewItem, bool> change, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(change);
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
        var item = await ReadAsync(connection, transaction, "item_id = $key", itemId, cancellationToken);
        if (item is not null && change(item))
        {
            await WriteAsync(connection, transaction, item, insert: false, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }

        return item;
    }

    public async Task<IReadOnlyList<ReviewItem>> ClaimAsync(string moderator, bool includeEscalated, int count, DateTimeOffset now, DateTimeOffset leaseUntil, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
        await using var claim = connection.CreateCommand();
        claim.Transaction = transaction;
        claim.CommandText = $"""
            UPDATE review_items SET status = 'claimed', claimed_by = $moderator, lease_until = $lease
            WHERE item_id IN (
                SELECT item_id FROM review_items
                WHERE {Claimable} AND (escalated = 0 OR $senior = 1)
                ORDER BY priority DESC, created_at LIMIT $count)
            RETURNING {Columns}
            """;
        claim.Parameters.AddWithValue("$moderator", moderator);
        claim.Parameters.AddWithValue("$lease", leaseUntil.ToUnixTimeMilliseconds());
        claim.Parameters.AddWithValue("$now", now.ToUnixTimeMilliseconds());
        claim.Parameters.AddWithValue("$senior", includeEscalated ? 1 : 0);
        claim.Parameters.AddWithValue("$count", count);
        var items = await ReadAllAsync(claim, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return [.. items.OrderByDescending(i => i.Priority).ThenBy(i => i.CreatedAt)];
    }

    public async Task<(IReadOnlyList<ReviewItem> Items, long Total)> ListAsync(ReviewQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var where = query.Status switch
        {
            ReviewItemStatus.Pending => Claimable,
            ReviewItemStatus.Claimed => "queued = 1 AND status = 'claimed' AND lease_until > $now",
            ReviewItemStatus.Decided => "queued = 1 AND status = 'decided'",
            _ => "queued = 1",
        };
        if (query.Category is not null)
        {
            where += " AND top_category = $category";
        }

        await using var connection = await database.OpenAsync(cancellationToken);
        await using var count = connection.CreateCommand();
        count.CommandText = $"SELECT COUNT(*) FROM review_items WHERE {where}";
        await using var page = connection.CreateCommand();
        page.CommandText = $"SELECT {Columns} FROM review_items WHERE {where} ORDER BY priority DESC, created_at LIMIT $limit OFFSET $offset";
        foreach (var command in new[] { count, page })
        {
            command.Parameters.AddWithValue("$now", query.Now.ToUnixTimeMilliseconds());
            command.Parameters.AddWithValue("$category", (object?)query.Category ?? DBNull.Value);
        }

        page.Parameters.AddWithValue("$limit", query.PageSize);
        page.Parameters.AddWithValue("$offset", (long)(query.Page - 1) * query.PageSize);
        var total = (long)(await count.ExecuteScalarAsync(cancellationToken))!;
        return (await ReadAllAsync(page, cancellationToken), total);
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

    public async Task MarkPublishedAsync(string key, DateTimeOffset publishedAt, CancellationToken cancellationToken)
    {
        var (itemId, decisionId) = DecisionKey.Parse(key);
        await UpdateAsync(itemId, item => ReviewRules.MarkPublished(item, decisionId, publishedAt), cancellationToken);
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
            var item = JsonSerializer.Deserialize<ReviewItem>(reader.GetString(4), ModerationJson.Options)!;
            item.Status = Enum.Parse<ReviewItemStatus>(reader.GetString(1), ignoreCase: true);
            item.ClaimedBy = reader.IsDBNull(2) ? null : reader.GetString(2);
            item.LeaseUntil = reader.IsDBNull(3) ? null : DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(3));
            items.Add(item);
        }

        return items;
    }

    private static async Task WriteAsync(SqliteConnection connection, SqliteTransaction transaction, ReviewItem item, bool insert, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = insert
            ? """
              INSERT INTO review_items (item_id, submission_id, queued, status, escalated, top_category, priority, claimed_by, lease_until, created_at, unpublished, document)
              VALUES ($id, $submission, $queued, $status, $escalated, $category, $priority, $claimedBy, $lease, $created, $unpublished, $document)
              """
            : """
              UPDATE review_items SET queued = $queued, status = $status, escalated = $escalated, top_category = $category,
                  priority = $priority, claimed_by = $claimedBy, lease_until = $lease, unpublished = $unpublished, document = $document
              WHERE item_id = $id
              """;
        command.Parameters.AddWithValue("$id", item.ItemId.ToString());
        command.Parameters.AddWithValue("$submission", item.SubmissionId.ToString());
        command.Parameters.AddWithValue("$queued", item.IsQueued ? 1 : 0);
        command.Parameters.AddWithValue("$status", item.Status.ToString().ToLowerInvariant());
        command.Parameters.AddWithValue("$escalated", item.Escalated ? 1 : 0);
        command.Parameters.AddWithValue("$category", item.TopCategory);
        command.Parameters.AddWithValue("$priority", item.Priority);
        command.Parameters.AddWithValue("$claimedBy", (object?)item.ClaimedBy ?? DBNull.Value);
        command.Parameters.AddWithValue("$lease", (object?)item.LeaseUntil?.ToUnixTimeMilliseconds() ?? DBNull.Value);
        command.Parameters.AddWithValue("$created", item.CreatedAt.ToUnixTimeMilliseconds());
        command.Parameters.AddWithValue("$unpublished", item.HasUnpublishedDecisions ? 1 : 0);
        command.Parameters.AddWithValue("$document", JsonSerializer.Serialize(item, ModerationJson.Options));
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
