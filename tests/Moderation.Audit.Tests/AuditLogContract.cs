using Moderation.Audit.Domain;
using Moderation.Audit.Storage;
using Moderation.ServiceDefaults;
using Moderation.Testing;

namespace Moderation.Audit.Tests;

/// <summary>What every adapter of <see cref="IAuditLog"/> must do; run once per adapter.</summary>
public abstract class AuditLogContract : IDisposable
{
    internal static readonly DateTimeOffset Now = new(2026, 11, 25, 10, 0, 0, TimeSpan.Zero);

    protected abstract IAuditLog CreateLog();

    protected abstract void DisposeLog();

    /// <summary>Changes one stored entry behind the log's back, as an attacker with store access would.</summary>
    protected abstract Task TamperAsync(long sequence, string newActor);

    private async Task<IAuditLog> LogAsync()
    {
        var log = CreateLog();
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

    protected override IAuditLog CreateLog() => new SqliteAuditLog(_sqlite.Database);

    protected override async Task TamperAsync(long sequence, string newActor)
    {
        await using var connection = await _sqlite.Database.OpenAsync(CancellationToken.None);
        await using var command = connection.CreateCommand();
        command.CommandText = "UPDATE audit_entries SET actor = $actor WHERE sequence = $sequence";
        command.Parameters.AddWithValue("$actor", newActor);
        command.Parameters.AddWithValue("$sequence", sequence);
        Assert.Equal(1, await command.ExecuteNonQueryAsync());
    }

    protected override void DisposeLog() => _sqlite.Dispose();
}

public sealed class MongoAuditLogTests : AuditLogContract
{
    private TempMongo? _mongo;

    protected override IAuditLog CreateLog()
    {
        _mongo ??= new TempMongo();
        return new MongoAuditLog(_mongo.Database);
    }

    protected override async Task TamperAsync(long sequence, string newActor)
    {
        var entries = _mongo!.Database.GetCollection<MongoDB.Bson.BsonDocument>("audit_entries");
        var result = await entries.UpdateOneAsync(
            MongoDB.Driver.Builders<MongoDB.Bson.BsonDocument>.Filter.Eq("_id", sequence),
            MongoDB.Driver.Builders<MongoDB.Bson.BsonDocument>.Update.Set("actor", newActor));
        Assert.Equal(1, result.ModifiedCount);
    }

    protected override void DisposeLog() => _mongo?.Dispose();
}
