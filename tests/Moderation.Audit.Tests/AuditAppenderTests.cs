using Moderation.Audit.Consumers;
using Moderation.Audit.Domain;
using Moderation.Audit.Domain.Chain;
using Moderation.Audit.Storage;
using Moderation.Testing;

namespace Moderation.Audit.Tests;

/// <summary>Concurrent consumers' appends reach the log together, each exactly once, and one that cannot be logged fails alone.</summary>
public sealed class AuditAppenderTests : IDisposable
{
    private readonly TempSqlite _sqlite = new();

    public void Dispose() => _sqlite.Dispose();

    [Fact]
    public async Task Two_hundred_concurrent_appends_are_each_logged_once_in_fewer_writes_and_the_chain_holds()
    {
        var log = new CountingLog(new SqliteAuditLog(_sqlite.Database, TestChainKeys.Ring));
        await log.InitializeAsync();
        var appender = new AuditAppender(log);
        var drafts = Enumerable.Range(0, 200).Select(i => AuditLogContract.Draft($"event-{i}")).ToList();

        var appended = await Task.WhenAll(drafts.Select(d => Task.Run(() => appender.AppendAsync([d], CancellationToken.None))));

        Assert.Equal(drafts.Select(d => d.EventKey), appended.Select(entries => Assert.Single(entries).EventKey));
        var all = await log.ListAsync(null, 0, 1_000, CancellationToken.None);
        Assert.Equal(drafts.Select(d => d.EventKey).Order(), all.Select(e => e.EventKey).Order());
        Assert.Equal(Enumerable.Range(1, 200).Select(i => (long)i), all.Select(e => e.Sequence));
        Assert.True((await AuditChainVerifier.VerifyAsync(log.ReadAllAsync(CancellationToken.None), TestChainKeys.Ring, CancellationToken.None)).Ok);
        Assert.InRange(log.Writes, 1, 100);
    }

    [Fact]
    public async Task An_append_the_log_refuses_fails_alone_and_the_others_of_its_group_are_logged()
    {
        var log = new CountingLog(new SqliteAuditLog(_sqlite.Database, TestChainKeys.Ring)) { Refuse = "poison" };
        await log.InitializeAsync();
        var appender = new AuditAppender(log);
        var drafts = Enumerable.Range(0, 50).Select(i => AuditLogContract.Draft(i == 25 ? "poison" : $"event-{i}")).ToList();

        var appends = drafts.Select(d => Task.Run(() => appender.AppendAsync([d], CancellationToken.None))).ToList();

        await Assert.ThrowsAsync<InvalidOperationException>(() => appends[25]);
        foreach (var append in appends.Where((_, i) => i != 25))
        {
            await append;
        }

        var all = await log.ListAsync(null, 0, 1_000, CancellationToken.None);
        Assert.Equal(drafts.Where(d => d.EventKey != "poison").Select(d => d.EventKey).Order(), all.Select(e => e.EventKey).Order());
        Assert.True((await AuditChainVerifier.VerifyAsync(log.ReadAllAsync(CancellationToken.None), TestChainKeys.Ring, CancellationToken.None)).Ok);
    }

    /// <summary>The SQLite log, a little slow (as under load), counting its writes and refusing any write that holds one chosen event.</summary>
    private sealed class CountingLog(SqliteAuditLog inner) : IAuditLog
    {
        private int _writes;

        public int Writes => _writes;

        public string? Refuse { get; init; }

        public Task InitializeAsync() => inner.InitializeAsync(CancellationToken.None);

        public Task<AuditEntry> AppendAsync(AuditDraft draft, CancellationToken cancellationToken) => inner.AppendAsync(draft, cancellationToken);

        public async Task<IReadOnlyList<AuditEntry>> AppendManyAsync(IReadOnlyList<AuditDraft> drafts, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _writes);
            await Task.Delay(5, cancellationToken);
            if (drafts.Any(d => d.EventKey == Refuse))
            {
                throw new InvalidOperationException("The log refused this event.");
            }

            return await inner.AppendManyAsync(drafts, cancellationToken);
        }

        public Task<AuditEntry?> LastAsync(CancellationToken cancellationToken) => inner.LastAsync(cancellationToken);

        public Task<IReadOnlyList<AuditEntry>> ListAsync(Guid? submissionId, long after, int limit, CancellationToken cancellationToken) =>
            inner.ListAsync(submissionId, after, limit, cancellationToken);

        public IAsyncEnumerable<AuditEntry> ReadAllAsync(CancellationToken cancellationToken) => inner.ReadAllAsync(cancellationToken);
    }
}
