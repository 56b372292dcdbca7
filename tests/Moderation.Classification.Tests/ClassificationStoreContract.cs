using Moderation.Classification.Storage;
using Moderation.Contracts;
using Moderation.Storage;
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

    private static async Task<ContentClassified> AddOrGetAsync(IClassificationStore store, ContentClassified result) =>
        Assert.Single(await store.AddOrGetManyAsync([result], CancellationToken.None));

    [SkippableFact]
    public async Task The_first_result_stored_for_a_submission_is_the_one_kept()
    {
        var store = await StoreAsync();
        var id = Guid.NewGuid();
        var first = Result(id, Verdict.Review);

        var kept = await AddOrGetAsync(store, first);
        var second = await AddOrGetAsync(store, Result(id, Verdict.Block));

        Assert.Equal(Verdict.Review, kept.Verdict);
        Assert.Equal(Verdict.Review, second.Verdict);
        var read = (await store.GetManyAsync([id], CancellationToken.None))[id];
        Assert.Equal(0.6, read.Scores[Categories.Violence]);
        Assert.Equal(new EvidenceSpan(3, 7), Assert.Single(read.Reasons).Span);
        Assert.Equal(first.OccurredAt, read.OccurredAt);
    }

    [SkippableFact]
    public async Task Racing_writers_of_one_submission_all_get_the_same_result()
    {
        var store = await StoreAsync();
        var id = Guid.NewGuid();
        var results = await Task.WhenAll(Enumerable.Range(0, 10).Select(i =>
            Task.Run(() => AddOrGetAsync(store, Result(id, i % 2 == 0 ? Verdict.Review : Verdict.Block)))));
        Assert.Single(results.Select(r => r.Verdict).Distinct());
    }

    [SkippableFact]
    public async Task An_unknown_submission_has_no_result()
    {
        var store = await StoreAsync();
        Assert.Empty(await store.GetManyAsync([Guid.NewGuid()], CancellationToken.None));
        Assert.Empty(await store.GetManyAsync([], CancellationToken.None));
        Assert.Empty(await store.AddOrGetManyAsync([], CancellationToken.None));
    }

    [SkippableFact]
    public async Task Many_results_are_stored_at_once_and_each_gets_back_the_result_stored_for_its_submission()
    {
        var store = await StoreAsync();
        var ids = Enumerable.Range(0, 6).Select(_ => Guid.NewGuid()).ToList();
        await store.AddOrGetManyAsync([Result(ids[1], Verdict.Block), Result(ids[4], Verdict.Block)], CancellationToken.None);

        var kept = await store.AddOrGetManyAsync(ids.Select(id => Result(id, Verdict.Review) with { OccurredAt = Later }).ToList(), CancellationToken.None);

        Assert.Equal(ids, kept.Select(r => r.SubmissionId));
        Assert.Equal([Verdict.Review, Verdict.Block, Verdict.Review, Verdict.Review, Verdict.Block, Verdict.Review], kept.Select(r => r.Verdict));
        Assert.Equal(Later, kept[0].OccurredAt);
        Assert.NotEqual(Later, kept[1].OccurredAt);
        var unknown = Guid.NewGuid();
        var read = await store.GetManyAsync([.. ids, unknown], CancellationToken.None);
        Assert.Equal(ids.ToHashSet(), read.Keys.ToHashSet());
        Assert.All(kept, r => Assert.Equal(r.Verdict, read[r.SubmissionId].Verdict));
        Assert.Equal(new EvidenceSpan(3, 7), Assert.Single(read[ids[5]].Reasons).Span);
    }

    [SkippableFact]
    public async Task A_submission_given_twice_in_one_write_keeps_the_first_result_at_both_places()
    {
        var store = await StoreAsync();
        var id = Guid.NewGuid();
        var other = Guid.NewGuid();

        var kept = await store.AddOrGetManyAsync([Result(id, Verdict.Review), Result(other, Verdict.Allow), Result(id, Verdict.Block)], CancellationToken.None);

        Assert.Equal([Verdict.Review, Verdict.Allow, Verdict.Review], kept.Select(r => r.Verdict));
        Assert.Equal(Verdict.Review, (await store.GetManyAsync([id], CancellationToken.None))[id].Verdict);
    }

    [SkippableFact]
    public async Task Racing_writers_of_overlapping_batches_get_the_same_result_for_each_submission()
    {
        var store = await StoreAsync();
        var ids = Enumerable.Range(0, 20).Select(_ => Guid.NewGuid()).ToList();
        var batches = await Task.WhenAll(Enumerable.Range(0, 6).Select(i => Task.Run(() =>
            store.AddOrGetManyAsync(ids.Skip(i * 2).Take(10).Select(id => Result(id, i % 2 == 0 ? Verdict.Review : Verdict.Block)).ToList(),
                CancellationToken.None))));

        var stored = await store.GetManyAsync(ids, CancellationToken.None);
        Assert.All(batches.SelectMany(b => b), r => Assert.Equal(stored[r.SubmissionId].Verdict, r.Verdict));
    }

    private static readonly DateTimeOffset Later = new(2026, 11, 25, 11, 0, 0, TimeSpan.Zero);

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
