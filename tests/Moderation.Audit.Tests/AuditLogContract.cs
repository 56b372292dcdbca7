using System.Text.Json;
using Moderation.Audit.Domain;
using Moderation.Audit.Domain.Chain;
using Moderation.Audit.Domain.Dashboard;
using Moderation.Audit.Storage;
using Moderation.Storage;
using Moderation.Testing;
using MongoDB.Bson;
using MongoDB.Driver;

namespace Moderation.Audit.Tests;

/// <summary>What every adapter of <see cref="IAuditLog"/> must do; run once per adapter.</summary>
public abstract class AuditLogContract : IDisposable
{
    internal static readonly DateTimeOffset Now = new(2026, 11, 25, 10, 0, 0, TimeSpan.Zero);

    /// <summary>A log on the test's store, chaining with <paramref name="keys"/>; called again, it is the same store.</summary>
    protected abstract IAuditLog CreateLog(ChainKeyRing keys);

    /// <summary>A log on a store of its own, beside the one <see cref="CreateLog"/> gives, to compare the two.</summary>
    protected abstract IAuditLog CreateSeparateLog();

    protected abstract void DisposeLog();

    /// <summary>Changes one stored entry behind the log's back, as an attacker with store access would.</summary>
    protected abstract Task TamperAsync(long sequence, string newActor);

    /// <summary>Deletes the entries from <paramref name="sequence"/> on, as an attacker with store access would to hide them.</summary>
    protected abstract Task CutFromAsync(long sequence);

    /// <summary>Writes <paramref name="entry"/> over the stored entry of its sequence number, every field.</summary>
    protected abstract Task OverwriteAsync(AuditEntry entry);

    private Task<IAuditLog> LogAsync(ChainKeyRing? keys = null) => InitializedAsync(CreateLog(keys ?? TestChainKeys.Ring));

    private static async Task<IAuditLog> InitializedAsync(IAuditLog log)
    {
        await ((IModerationStore)log).InitializeAsync(CancellationToken.None);
        await ((IModerationStore)log).InitializeAsync(CancellationToken.None);
        return log;
    }

    internal static AuditDraft Draft(string key, Guid? submissionId = null) =>
        new(key, "TestEvent", submissionId ?? Guid.NewGuid(), "test:actor", Now, new Dictionary<string, string?> { ["b"] = "2", ["a"] = null });

    [SkippableFact]
    public async Task Entries_chain_from_the_genesis_hash_with_gap_free_sequence_numbers()
    {
        var log = await LogAsync();
        var first = await log.AppendAsync(Draft("one"), CancellationToken.None);
        var second = await log.AppendAsync(Draft("two"), CancellationToken.None);

        Assert.Equal(1, first.Sequence);
        Assert.Equal(AuditEntry.GenesisHash, first.PreviousHash);
        Assert.Equal(2, second.Sequence);
        Assert.Equal(first.Hash, second.PreviousHash);
        Assert.Equal(new AuditVerificationResult(true, 2, null), await VerifyAsync(log));
    }

    [SkippableFact]
    public async Task The_same_event_appended_twice_is_one_entry()
    {
        var log = await LogAsync();
        var first = await log.AppendAsync(Draft("same"), CancellationToken.None);
        var again = await log.AppendAsync(Draft("same"), CancellationToken.None);

        Assert.Equal(first.Sequence, again.Sequence);
        Assert.Single(await log.ListAsync(null, 0, 10, CancellationToken.None));
    }

    [SkippableFact]
    public async Task Concurrent_appends_leave_no_gap_and_no_fork()
    {
        var log = await LogAsync();
        await Task.WhenAll(Enumerable.Range(0, 40).Select(i => Task.Run(() => log.AppendAsync(Draft($"event-{i % 30}"), CancellationToken.None))));

        var entries = await log.ListAsync(null, 0, 100, CancellationToken.None);
        Assert.Equal(Enumerable.Range(1, 30).Select(i => (long)i), entries.Select(e => e.Sequence));
        Assert.Equal(new AuditVerificationResult(true, 30, null), await VerifyAsync(log));
    }

    [SkippableFact]
    public async Task Entries_are_listed_by_submission_and_after_a_sequence_number()
    {
        var log = await LogAsync();
        var submission = Guid.NewGuid();
        await log.AppendAsync(Draft("a", submission), CancellationToken.None);
        await log.AppendAsync(Draft("b"), CancellationToken.None);
        await log.AppendAsync(Draft("c", submission), CancellationToken.None);

        Assert.Equal([1L, 3L], (await log.ListAsync(submission, 0, 10, CancellationToken.None)).Select(e => e.Sequence));
        Assert.Equal([3L], (await log.ListAsync(submission, 1, 10, CancellationToken.None)).Select(e => e.Sequence));
        Assert.Equal([1L, 2L], (await log.ListAsync(null, 0, 2, CancellationToken.None)).Select(e => e.Sequence));
        var read = (await log.ListAsync(submission, 0, 1, CancellationToken.None))[0];
        Assert.Null(read.Data["a"]);
        Assert.Equal("2", read.Data["b"]);
    }

    [SkippableFact]
    public async Task Editing_one_stored_entry_makes_verify_fail_at_exactly_that_entry()
    {
        var log = await LogAsync();
        for (var i = 0; i < 5; i++)
        {
            await log.AppendAsync(Draft($"event-{i}"), CancellationToken.None);
        }

        await TamperAsync(3, "moderator:someone-else");

        var result = await VerifyAsync(log);
        Assert.False(result.Ok);
        Assert.Equal(3, result.FirstBrokenSequence);
    }

    [SkippableFact]
    public async Task A_batch_appends_its_drafts_in_order_after_the_last_entry_each_as_its_single_append_would()
    {
        var log = await LogAsync();
        var first = await log.AppendAsync(Draft("before"), CancellationToken.None);
        IReadOnlyList<AuditDraft> drafts = [Draft("one"), Draft("two"), Draft("three")];

        var appended = await log.AppendManyAsync(drafts, CancellationToken.None);

        var expected = new List<AuditEntry>();
        var previousHash = first.Hash;
        foreach (var draft in drafts)
        {
            expected.Add(AuditEntry.Chain(draft, expected.Count + 2, previousHash, TestChainKeys.First));
            previousHash = expected[^1].Hash;
        }

        Assert.Equal(expected.Select(e => (e.Sequence, e.EventKey, e.PreviousHash, e.Hash)), appended.Select(e => (e.Sequence, e.EventKey, e.PreviousHash, e.Hash)));
        var stored = await log.ListAsync(null, 0, 10, CancellationToken.None);
        Assert.Equal(["before", "one", "two", "three"], stored.Select(e => e.EventKey));
        Assert.Equal(expected.Select(e => e.Hash), stored.Skip(1).Select(e => e.Hash));
        Assert.Null(stored[2].Data["a"]);
        Assert.Equal("2", stored[2].Data["b"]);
        Assert.Equal(new AuditVerificationResult(true, 4, null), await VerifyAsync(log));
        Assert.Empty(await log.AppendManyAsync([], CancellationToken.None));
    }

    [SkippableFact]
    public async Task A_redelivered_batch_adds_nothing_and_a_partly_logged_one_adds_only_what_is_missing()
    {
        var log = await LogAsync();
        var loggedAlone = await log.AppendAsync(Draft("two"), CancellationToken.None);
        IReadOnlyList<AuditDraft> drafts = [Draft("one"), Draft("two"), Draft("three")];

        var first = await log.AppendManyAsync(drafts, CancellationToken.None);
        var again = await log.AppendManyAsync(drafts, CancellationToken.None);

        Assert.Equal([2L, 1L, 3L], first.Select(e => e.Sequence));
        Assert.Equal(loggedAlone.Hash, first[1].Hash);
        Assert.Equal(first.Select(e => e.Hash), again.Select(e => e.Hash));
        Assert.Equal(["two", "one", "three"], (await log.ListAsync(null, 0, 10, CancellationToken.None)).Select(e => e.EventKey));
        Assert.Equal(new AuditVerificationResult(true, 3, null), await VerifyAsync(log));
    }

    [SkippableFact]
    public async Task The_same_event_twice_in_one_batch_is_one_entry()
    {
        var log = await LogAsync();

        var appended = await log.AppendManyAsync([Draft("same"), Draft("other"), Draft("same")], CancellationToken.None);

        Assert.Equal([1L, 2L, 1L], appended.Select(e => e.Sequence));
        Assert.Equal(2, (await log.ListAsync(null, 0, 10, CancellationToken.None)).Count);
        Assert.Equal(new AuditVerificationResult(true, 2, null), await VerifyAsync(log));
    }

    [SkippableFact]
    public async Task Concurrent_batches_and_single_appends_leave_no_gap_and_no_fork()
    {
        var log = await LogAsync();
        var batches = Enumerable.Range(0, 12).Select(i => Task.Run(() =>
            log.AppendManyAsync([.. Enumerable.Range(0, 5).Select(j => Draft($"event-{(i * 3 + j) % 30}"))], CancellationToken.None)));
        var singles = Enumerable.Range(0, 30).Select(i => Task.Run(() => log.AppendAsync(Draft($"event-{i}"), CancellationToken.None)));
        await Task.WhenAll([.. batches, .. singles]);

        var entries = await log.ListAsync(null, 0, 100, CancellationToken.None);
        Assert.Equal(Enumerable.Range(1, 30).Select(i => (long)i), entries.Select(e => e.Sequence));
        Assert.Equal(30, entries.Select(e => e.EventKey).Distinct().Count());
        Assert.Equal(new AuditVerificationResult(true, 30, null), await VerifyAsync(log));
    }

    [SkippableFact]
    public async Task A_log_built_from_batch_messages_is_entry_for_entry_the_log_of_their_single_events_and_the_dashboard_counts_the_same()
    {
        var batch = new KnownBatch(Now);
        var fromBatches = await LogAsync();
        await fromBatches.AppendManyAsync(AuditDrafts.From(batch.Submitted), CancellationToken.None);
        // One verdict went out on its own before its batch (the sweeper republishing it), then the batch twice.
        await fromBatches.AppendAsync(AuditDrafts.From(batch.Classified.Results[2]), CancellationToken.None);
        await fromBatches.AppendManyAsync(AuditDrafts.From(batch.Classified), CancellationToken.None);
        await fromBatches.AppendManyAsync(AuditDrafts.From(batch.Decided), CancellationToken.None);
        await fromBatches.AppendManyAsync(AuditDrafts.From(batch.Classified), CancellationToken.None);
        await fromBatches.AppendAsync(AuditDrafts.From(batch.ModeratorDecision), CancellationToken.None);

        var fromSingles = await InitializedAsync(CreateSeparateLog());
        IEnumerable<AuditDraft> singles =
        [
            .. AuditDrafts.From(batch.Submitted), AuditDrafts.From(batch.Classified.Results[2]), .. AuditDrafts.From(batch.Classified),
            .. AuditDrafts.From(batch.Decided), AuditDrafts.From(batch.ModeratorDecision),
        ];
        foreach (var draft in singles)
        {
            await fromSingles.AppendAsync(draft, CancellationToken.None);
        }

        var batchEntries = await fromBatches.ReadAllAsync(CancellationToken.None).ToListAsync();
        var singleEntries = await fromSingles.ReadAllAsync(CancellationToken.None).ToListAsync();
        Assert.Equal(15, batchEntries.Count);
        Assert.Equal(singleEntries.Select(e => (e.Sequence, e.EventKey, e.Hash)), batchEntries.Select(e => (e.Sequence, e.EventKey, e.Hash)));
        Assert.Equal(new AuditVerificationResult(true, 15, null), await VerifyAsync(fromBatches));

        var fromBatchesOverview = Dashboard(batchEntries);
        var fromSinglesOverview = Dashboard(singleEntries);
        Assert.Equal(new SubmissionCounts(5, 2, 3, 2, 1, 2, 0), fromBatchesOverview.Totals);
        Assert.Equal(new DecisionCounts(5, 4, 1, 2, 3, 0), fromBatchesOverview.Decisions);
        Assert.Equal(new ModeratorReading("alice", 1, 0, 1, 0), Assert.Single(fromBatchesOverview.Moderators));
        Assert.Equal(0, fromBatchesOverview.Queue.Depth);
        Assert.Equal(5, fromBatchesOverview.TimeToFinalDecision.Count);
        // Every figure of the two dashboards, compared whole (their lists would compare by reference).
        Assert.Equal(JsonSerializer.Serialize(fromSinglesOverview), JsonSerializer.Serialize(fromBatchesOverview));
    }

    private static DashboardReading Dashboard(IEnumerable<AuditEntry> entries)
    {
        var figures = new DashboardFigures();
        foreach (var entry in entries)
        {
            figures.Apply(entry);
        }

        return figures.Overview(Now.AddHours(-1), Now.AddHours(1), Now.AddHours(1), TimeSpan.FromHours(4), new ErrorQueueReading(false, 0, [], "not counted here"));
    }

    [SkippableFact]
    public async Task Entries_record_the_key_that_chained_them_and_a_rotation_keeps_the_older_ones_verifiable()
    {
        var before = await LogAsync();
        for (var i = 0; i < 3; i++)
        {
            await before.AppendAsync(Draft($"before-{i}"), CancellationToken.None);
        }

        var after = await LogAsync(TestChainKeys.Rotated);
        await after.AppendManyAsync([Draft("after-0"), Draft("after-1")], CancellationToken.None);

        var entries = await after.ReadAllAsync(CancellationToken.None).ToListAsync();
        Assert.Equal(["test-1", "test-1", "test-1", "test-2", "test-2"], entries.Select(e => e.KeyId));
        Assert.Equal(new AuditVerificationResult(true, 5, null), await VerifyAsync(after, TestChainKeys.Rotated));
        Assert.Equal(new AuditVerificationResult(false, 4, 4), await VerifyAsync(after, TestChainKeys.Ring));
        Assert.Equal(new AuditVerificationResult(false, 1, 1), await VerifyAsync(after, new ChainKeyRing([TestChainKeys.Second], TestChainKeys.Second.Id)));
    }

    [SkippableFact]
    public async Task Cutting_the_last_entries_verifies_as_a_shorter_chain_but_not_against_an_earlier_checkpoint()
    {
        var log = await LogAsync();
        for (var i = 0; i < 6; i++)
        {
            await log.AppendAsync(Draft($"event-{i}"), CancellationToken.None);
        }

        var last = (await log.LastAsync(CancellationToken.None))!;
        var checkpoint = new ChainCheckpoint(last.Sequence, last.Hash);
        Assert.Equal(new AuditVerificationResult(true, 6, null), await VerifyAsync(log, checkpoint: checkpoint));

        await CutFromAsync(5);

        Assert.Equal(4, (await log.LastAsync(CancellationToken.None))!.Sequence);
        Assert.Equal(new AuditVerificationResult(true, 4, null), await VerifyAsync(log));
        Assert.Equal(new AuditVerificationResult(false, 4, 5), await VerifyAsync(log, checkpoint: checkpoint));
    }

    [SkippableFact]
    public async Task Rewriting_an_entry_and_recomputing_the_chain_with_plain_sha256_is_named_at_that_entry()
    {
        var log = await LogAsync();
        for (var i = 0; i < 5; i++)
        {
            await log.AppendAsync(Draft($"event-{i}"), CancellationToken.None);
        }

        var entries = await log.ReadAllAsync(CancellationToken.None).ToListAsync();
        var checkpoint = new ChainCheckpoint(entries[^1].Sequence, entries[^1].Hash);

        // Without the key the forger can only rechain with unkeyed SHA-256, from the rewritten entry on:
        // once keeping the key ids, once claiming the entries were chained before keys existed.
        foreach (var keyId in new[] { TestChainKeys.First.Id, null })
        {
            var previousHash = entries[0].Hash;
            foreach (var entry in entries.Skip(1))
            {
                var rewritten = entry with { PreviousHash = previousHash, KeyId = keyId, Data = entry.Sequence == 2 ? new Dictionary<string, string?> { ["b"] = "forged" } : entry.Data };
                rewritten = rewritten with { Hash = rewritten.ComputeUnkeyedHash() };
                await OverwriteAsync(rewritten);
                previousHash = rewritten.Hash;
            }

            Assert.Equal(new AuditVerificationResult(false, 2, 2), await VerifyAsync(log));
            Assert.Equal(new AuditVerificationResult(false, 2, 2), await VerifyAsync(log, checkpoint: checkpoint));
        }
    }

    [SkippableFact]
    public async Task A_whole_log_rewritten_without_the_key_as_if_chained_before_keys_is_named_at_its_first_entry()
    {
        var log = await LogAsync();
        for (var i = 0; i < 3; i++)
        {
            await log.AppendAsync(Draft($"event-{i}"), CancellationToken.None);
        }

        var previousHash = AuditEntry.GenesisHash;
        foreach (var entry in await log.ReadAllAsync(CancellationToken.None).ToListAsync())
        {
            var rewritten = entry with { PreviousHash = previousHash, KeyId = null, Actor = "forger" };
            rewritten = rewritten with { Hash = rewritten.ComputeUnkeyedHash() };
            await OverwriteAsync(rewritten);
            previousHash = rewritten.Hash;
        }

        Assert.Equal(new AuditVerificationResult(false, 1, 1), await VerifyAsync(log));
        Assert.Equal(new AuditVerificationResult(true, 3, null), await VerifyAsync(log, new ChainKeyRing([TestChainKeys.First], TestChainKeys.First.Id, unkeyedEntries: 3)));
    }

    private static async Task<AuditVerificationResult> VerifyAsync(IAuditLog log, ChainKeyRing? keys = null, ChainCheckpoint? checkpoint = null)
    {
        var verification = await AuditChainVerifier.VerifyAsync(log.ReadAllAsync(CancellationToken.None), keys ?? TestChainKeys.Ring, checkpoint, CancellationToken.None);
        return new AuditVerificationResult(verification.Ok, verification.Entries, verification.FirstBrokenSequence);
    }

    public void Dispose()
    {
        DisposeLog();
        GC.SuppressFinalize(this);
    }

    protected sealed record AuditVerificationResult(bool Ok, long Entries, long? FirstBrokenSequence);
}

public sealed class SqliteAuditLogTests : AuditLogContract
{
    private readonly TempSqlite _sqlite = new();
    private readonly TempSqlite _separate = new();

    protected override IAuditLog CreateLog(ChainKeyRing keys) => new SqliteAuditLog(_sqlite.Database, keys);

    protected override IAuditLog CreateSeparateLog() => new SqliteAuditLog(_separate.Database, TestChainKeys.Ring);

    protected override async Task CutFromAsync(long sequence)
    {
        await using var connection = await _sqlite.Database.OpenAsync(CancellationToken.None);
        await using var command = connection.CreateCommand();
        command.CommandText = "DELETE FROM audit_entries WHERE sequence >= $sequence";
        command.Parameters.AddWithValue("$sequence", sequence);
        Assert.True(await command.ExecuteNonQueryAsync() > 0);
    }

    protected override async Task OverwriteAsync(AuditEntry entry)
    {
        await using var connection = await _sqlite.Database.OpenAsync(CancellationToken.None);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            UPDATE audit_entries SET actor = $actor, data = $data, previous_hash = $previous, hash = $hash, key_id = $key,
                schema_version = CASE WHEN $key IS NULL THEN 1 ELSE 2 END
            WHERE sequence = $sequence
            """;
        command.Parameters.AddWithValue("$actor", entry.Actor);
        command.Parameters.AddWithValue("$data", JsonSerializer.Serialize(entry.Data));
        command.Parameters.AddWithValue("$previous", entry.PreviousHash);
        command.Parameters.AddWithValue("$hash", entry.Hash);
        command.Parameters.AddWithValue("$key", (object?)entry.KeyId ?? DBNull.Value);
        command.Parameters.AddWithValue("$sequence", entry.Sequence);
        Assert.Equal(1, await command.ExecuteNonQueryAsync());
    }

    protected override async Task TamperAsync(long sequence, string newActor)
    {
        await using var connection = await _sqlite.Database.OpenAsync(CancellationToken.None);
        await using var command = connection.CreateCommand();
        command.CommandText = "UPDATE audit_entries SET actor = $actor WHERE sequence = $sequence";
        command.Parameters.AddWithValue("$actor", newActor);
        command.Parameters.AddWithValue("$sequence", sequence);
        Assert.Equal(1, await command.ExecuteNonQueryAsync());
    }

    protected override void DisposeLog()
    {
        _sqlite.Dispose();
        _separate.Dispose();
    }
}

public sealed class MongoAuditLogTests : AuditLogContract
{
    private TempMongo? _mongo;
    private TempMongo? _separate;

    protected override IAuditLog CreateLog(ChainKeyRing keys)
    {
        _mongo ??= new TempMongo();
        return new MongoAuditLog(_mongo.Database, keys);
    }

    protected override IAuditLog CreateSeparateLog()
    {
        _separate ??= new TempMongo();
        return new MongoAuditLog(_separate.Database, TestChainKeys.Ring);
    }

    private IMongoCollection<BsonDocument> Entries => _mongo!.Database.GetCollection<BsonDocument>("audit_entries");

    protected override async Task CutFromAsync(long sequence) =>
        Assert.True((await Entries.DeleteManyAsync(Builders<BsonDocument>.Filter.Gte("_id", sequence))).DeletedCount > 0);

    protected override async Task OverwriteAsync(AuditEntry entry)
    {
        var data = new BsonDocument(entry.Data.Select(d => new BsonElement(d.Key, d.Value is null ? BsonNull.Value : d.Value)));
        var result = await Entries.UpdateOneAsync(
            Builders<BsonDocument>.Filter.Eq("_id", entry.Sequence),
            Builders<BsonDocument>.Update
                .Set("actor", entry.Actor)
                .Set("data", data)
                .Set("previousHash", entry.PreviousHash)
                .Set("hash", entry.Hash)
                .Set("keyId", entry.KeyId is null ? BsonNull.Value : (BsonValue)entry.KeyId)
                .Set("schemaVersion", entry.KeyId is null ? 1 : 2));
        Assert.Equal(1, result.MatchedCount);
    }

    protected override async Task TamperAsync(long sequence, string newActor)
    {
        var result = await Entries.UpdateOneAsync(
            Builders<BsonDocument>.Filter.Eq("_id", sequence),
            Builders<BsonDocument>.Update.Set("actor", newActor));
        Assert.Equal(1, result.ModifiedCount);
    }

    protected override void DisposeLog()
    {
        _mongo?.Dispose();
        _separate?.Dispose();
    }
}
