using Moderation.Classification.Storage;
using Moderation.Contracts;
using Moderation.ServiceDefaults;
using Moderation.Testing;

namespace Moderation.Classification.Tests;

/// <summary>What every adapter of <see cref="IClassificationStore"/> must do; run once per adapter.</summary>
public abstract class ClassificationStoreContract : IDisposable
{
    protected abstract IClassificationStore CreateStore();

    protected abstract void DisposeStore();

    private async Task<IClassificationStore> StoreAsync()
    {
        var store = CreateStore();
        await ((IModerationStore)store).InitializeAsync(CancellationToken.None);
        await ((IModerationStore)store).InitializeAsync(CancellationToken.None);
        return store;
    }

    internal static ContentClassified Result(Guid submissionId, Verdict verdict) => new(
        submissionId, ContentKind.Comment, verdict,
        Categories.All.ToDictionary(c => c, c => c == Categories.Violence ? 0.6 : 0.0),
        [new ClassificationReason(Categories.Violence, "rule:test", "violent act", "body", new EvidenceSpan(3, 7))],
        "model-1", "policy-1", new DateTimeOffset(2026, 11, 25, 10, 0, 0, TimeSpan.Zero));

    [SkippableFact]
    public async Task The_first_result_stored_for_a_submission_is_the_one_kept()
    {
        var store = await StoreAsync();
        var id = Guid.NewGuid();
        var first = Result(id, Verdict.Review);

        var kept = await store.AddOrGetAsync(first, CancellationToken.None);
        var second = await store.AddOrGetAsync(Result(id, Verdict.Block), CancellationToken.None);

        Assert.Equal(Verdict.Review, kept.Verdict);
        Assert.Equal(Verdict.Review, second.Verdict);
        var read = await store.GetAsync(id, CancellationToken.None);
        Assert.Equal(0.6, read!.Scores[Categories.Violence]);
        Assert.Equal(new EvidenceSpan(3, 7), Assert.Single(read.Reasons).Span);
        Assert.Equal(first.OccurredAt, read.OccurredAt);
    }

    [SkippableFact]
    public async Task Racing_writers_of_one_submission_all_get_the_same_result()
    {
        var store = await StoreAsync();
        var id = Guid.NewGuid();
        var results = await Task.WhenAll(Enumerable.Range(0, 10).Select(i =>
            Task.Run(() => store.AddOrGetAsync(Result(id, i % 2 == 0 ? Verdict.Review : Verdict.Block), CancellationToken.None))));
        Assert.Single(results.Select(r => r.Verdict).Distinct());
    }

    [SkippableFact]
    public async Task An_unknown_submission_has_no_result()
    {
        var store = await StoreAsync();
        Assert.Null(await store.GetAsync(Guid.NewGuid(), CancellationToken.None));
    }

    public void Dispose()
    {
        DisposeStore();
        GC.SuppressFinalize(this);
    }
}

public sealed class SqliteClassificationStoreTests : ClassificationStoreContract
{
    private readonly TempSqlite _sqlite = new();

    protected override IClassificationStore CreateStore() => new SqliteClassificationStore(_sqlite.Database);

    protected override void DisposeStore() => _sqlite.Dispose();
}

public sealed class MongoClassificationStoreTests : ClassificationStoreContract
{
    private TempMongo? _mongo;

    protected override IClassificationStore CreateStore()
    {
        _mongo ??= new TempMongo();
        return new MongoClassificationStore(_mongo.Database);
    }

    protected override void DisposeStore() => _mongo?.Dispose();
}
