using Moderation.Contracts;
using Moderation.Review.Domain;
using Moderation.Review.Storage;
using Moderation.Storage;
using Moderation.Testing;

namespace Moderation.Review.Tests;

/// <summary>The review queue's contract on SQLite, and what only SQLite promises: migrating old tables, one transaction for many changes.</summary>
public sealed class SqliteReviewQueueTests : ReviewQueueContract
{
    private readonly TempSqlite _sqlite = new();

    protected override IReviewQueue CreateQueue() => new SqliteReviewQueue(_sqlite.Database);

    protected override void DisposeQueue() => _sqlite.Dispose();

    [Fact]
    public async Task A_table_made_by_the_first_release_gets_the_new_columns_and_keeps_working()
    {
        await using (var connection = await _sqlite.Database.OpenAsync(CancellationToken.None))
        await using (var command = connection.CreateCommand())
        {
            command.CommandText = """
                CREATE TABLE review_items (
                    item_id TEXT PRIMARY KEY, submission_id TEXT NOT NULL UNIQUE, queued INTEGER NOT NULL, status TEXT NOT NULL,
                    escalated INTEGER NOT NULL, top_category TEXT NOT NULL, priority REAL NOT NULL, claimed_by TEXT NULL,
                    lease_until INTEGER NULL, created_at INTEGER NOT NULL, unpublished INTEGER NOT NULL, document TEXT NOT NULL);
                INSERT INTO review_items VALUES ('00000000-0000-0000-0000-000000000001', '00000000-0000-0000-0000-000000000002', 0, 'pending', 0, '', 0, NULL, NULL, 0, 0,
                    '{"itemId":"00000000-0000-0000-0000-000000000001","submissionId":"00000000-0000-0000-0000-000000000002","createdAt":"2026-11-25T10:00:00+00:00"}');
                """;
            await command.ExecuteNonQueryAsync();
        }

        var queue = CreateQueue();
        await ((IModerationStore)queue).InitializeAsync(CancellationToken.None);
        var submissionId = Guid.NewGuid();
        var item = await queue.UpsertBySubmissionAsync(submissionId, i =>
        {
            ReviewRules.ApplyContent(i, ContentKind.Comment, "Article", "text");
            ReviewRules.ApplyClassification(i, ReviewSamples.Classified(submissionId, Verdict.Review));
            return true;
        }, ReviewSamples.Now, CancellationToken.None);
        Assert.Equal(item.ItemId, Assert.Single(await queue.ClaimAsync(new ClaimSpec("alice", false, 5, ReviewSamples.Now, Rules(5)), CancellationToken.None)).ItemId);
        Assert.NotNull(await queue.GetBySubmissionAsync(Guid.Parse("00000000-0000-0000-0000-000000000002"), CancellationToken.None));
    }

    [Fact]
    public async Task Many_changes_are_one_transaction_a_failing_change_leaves_none_of_them_written()
    {
        var queue = CreateQueue();
        await ((IModerationStore)queue).InitializeAsync(CancellationToken.None);
        var (first, second) = (Guid.NewGuid(), Guid.NewGuid());

        await Assert.ThrowsAsync<InvalidOperationException>(() => queue.UpsertManyBySubmissionAsync(
        [
            new ReviewItemChange(first, item =>
            {
                ReviewRules.ApplyContent(item, ContentKind.Comment, "Article", "text");
                return true;
            }),
            new ReviewItemChange(second, _ => throw new InvalidOperationException("a change that cannot be applied")),
        ], ReviewSamples.Now, CancellationToken.None));

        Assert.Null(await queue.GetBySubmissionAsync(first, CancellationToken.None));
        Assert.Null(await queue.GetBySubmissionAsync(second, CancellationToken.None));
    }
}
