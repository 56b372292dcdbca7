using System.Text.Json;
using Moderation.Audit.Domain;
using Moderation.Audit.Storage;
using Moderation.Messaging;
using Moderation.ServiceDefaults;
using Moderation.Storage;
using Moderation.Testing;
using Moderation.WebConsole;

namespace Moderation.Audit.Tests;

/// <summary>What every adapter of <see cref="IAuditLog"/> must do; run once per adapter.</summary>
public abstract class AuditLogContract : IDisposable
{
    internal static readonly DateTimeOffset Now = new(2026, 11, 25, 10, 0, 0, TimeSpan.Zero);

    protected abstract IAuditLog CreateLog();

    /// <summary>A log on a store of its own, beside the one <see cref="CreateLog"/> gives, to compare the two.</summary>
    protected abstract IAuditLog CreateSeparateLog();

    protected abstract void DisposeLog();

    /// <summary>Changes one stored entry behind the log's back, as an attacker with store access would.</summary>
    protected abstract Task TamperAsync(long sequence, string newActor);

    private Task<IAuditLog> LogAsync() => InitializedAsync(CreateLog());

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
            expected.Add(AuditEntry.Chain(draft, expected.Count + 2, previousHash));
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
        Assert.Equal(new SubmissionTotals(5, 2, 3, 2, 1, 2, 0), fromBatchesOverview.Totals);
        Assert.Equal(new DecisionTotals(5, 4, 1, 2, 3, 0), fromBatchesOverview.Decisions);
        Assert.Equal(new ModeratorFigures("alice", 1, 0, 1, 0), Assert.Single(fromBatchesOverview.Moderators));
        Assert.Equal(0, fromBatchesOverview.Queue.Depth);
        Assert.Equal(5, fromBatchesOverview.TimeToFinalDecision.Count);
        // Every figure of the two dashboards, compared whole (their lists would compare by reference).
        Assert.Equal(JsonSerializer.Serialize(fromSinglesOverview), JsonSerializer.Serialize(fromBatchesOverview));
    }

    private static StatsOverview Dashboard(IEnumerable<AuditEntry> entries)
    {
        var figures = new DashboardFigures();
        foreach (var entry in entries)
        {
            figures.Apply(entry);
        }

        return figures.Overview(Now.AddHours(-1), Now.AddHours(1), Now.AddHours(1), TimeSpan.FromHours(4), new ErrorQueueFigures(false, 0, [], "not counted here"));
    }

    private static async Task<AuditVerificationResult> VerifyAsync(IAuditLog log)
    {
        var verification = await AuditChainVerifier.VerifyAsync(log.ReadAllAsync(CancellationToken.None), CancellationToken.None);
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

    protected override IAuditLog CreateLog() => new SqliteAuditLog(_sqlite.Database);

    protected override IAuditLog CreateSeparateLog() => new SqliteAuditLog(_separate.Database);

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

    protected override IAuditLog CreateLog()
    {
        _mongo ??= new TempMongo();
        return new MongoAuditLog(_mongo.Database);
    }

    protected override IAuditLog CreateSeparateLog()
    {
        _separate ??= new TempMongo();
        return new MongoAuditLog(_separate.Database);
    }

    protected override async Task TamperAsync(long sequence, string newActor)
    {
        var entries = _mongo!.Database.GetCollection<MongoDB.Bson.BsonDocument>("audit_entries");
        var result = await entries.UpdateOneAsync(
            MongoDB.Driver.Builders<MongoDB.Bson.BsonDocument>.Filter.Eq("_id", sequence),
            MongoDB.Driver.Builders<MongoDB.Bson.BsonDocument>.Update.Set("actor", newActor));
        Assert.Equal(1, result.ModifiedCount);
    }

    protected override void DisposeLog()
    {
        _mongo?.Dispose();
        _separate?.Dispose();
    }
}
