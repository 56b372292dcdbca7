using Moderation.Classification.Learning;
using Moderation.Classification.Storage;
using Moderation.Contracts;
using Moderation.Storage;
using Moderation.Testing;

namespace Moderation.Classification.Tests;

/// <summary>What every adapter of <see cref="ITrainingStore"/> must do; run once per adapter.</summary>
public abstract class TrainingStoreContract : IDisposable
{
    protected abstract ITrainingStore CreateStore();

    protected abstract void DisposeStore();

    private async Task<ITrainingStore> StoreAsync()
    {
        var store = CreateStore();
        await ((IModerationStore)store).InitializeAsync(CancellationToken.None);
        await ((IModerationStore)store).InitializeAsync(CancellationToken.None);
        return store;
    }

    private static readonly DateTimeOffset Now = new(2026, 11, 25, 10, 0, 0, TimeSpan.Zero);

    private static TrainingExample Example(string id, string text, int minutes = 0) =>
        new(id, ContentKind.Comment, text, new Dictionary<string, int> { [Categories.Harassment] = 1, [Categories.Spam] = 0 }, "import", Now.AddMinutes(minutes));

    private static SiteModelVersion Model(string version, int minutes) => new(version, Now.AddMinutes(minutes), false, 40, 10, 0.9, 0.5, "rules-only",
        new Dictionary<string, CategoryEvaluation> { [Categories.Harassment] = new(4, 10, 1, 0.75, 0.8571, 0.95) });

    [SkippableFact]
    public async Task An_example_is_stored_once_per_id_and_listed_newest_first_with_its_labels()
    {
        var store = await StoreAsync();

        Assert.Equal(1, await store.AddExamplesAsync([Example("decision:1", "first", 0)], CancellationToken.None));
        Assert.Equal(1, await store.AddExamplesAsync([Example("decision:2", "second", 1)], CancellationToken.None));
        Assert.Equal(0, await store.AddExamplesAsync([Example("decision:1", "first again", 2)], CancellationToken.None));

        var examples = await store.ListExamplesAsync(10, CancellationToken.None);
        Assert.Equal(["second", "first"], examples.Select(e => e.Text));
        Assert.Equal(1, examples[1].Labels[Categories.Harassment]);
        Assert.Equal(0, examples[1].Labels[Categories.Spam]);
        Assert.Equal(Now, examples[1].AddedAt);
        Assert.Equal("second", Assert.Single(await store.ListExamplesAsync(1, CancellationToken.None)).Text);
    }

    [SkippableFact]
    public async Task The_first_text_remembered_for_a_submission_is_the_one_kept()
    {
        var store = await StoreAsync();
        var id = Guid.NewGuid();

        await store.RememberTextsAsync([new ClassifiedText(id, ContentKind.Article, "Title\nBody")], CancellationToken.None);
        await store.RememberTextsAsync([new ClassifiedText(id, ContentKind.Comment, "other")], CancellationToken.None);

        Assert.Equal(new ClassifiedText(id, ContentKind.Article, "Title\nBody"), (await store.GetTextsAsync([id], CancellationToken.None))[id]);
        Assert.Empty(await store.GetTextsAsync([Guid.NewGuid()], CancellationToken.None));
    }

    [SkippableFact]
    public async Task Many_examples_are_added_at_once_and_only_new_ids_count()
    {
        var store = await StoreAsync();
        Assert.Equal(0, await store.AddExamplesAsync([], CancellationToken.None));
        Assert.Equal(1, await store.AddExamplesAsync([Example("decision:2", "second", 1)], CancellationToken.None));

        var added = await store.AddExamplesAsync(
            [Example("decision:1", "first", 0), Example("decision:2", "second again", 1), Example("decision:3", "third", 2), Example("decision:1", "first twice", 3)],
            CancellationToken.None);

        Assert.Equal(2, added);
        var examples = await store.ListExamplesAsync(10, CancellationToken.None);
        Assert.Equal(["first", "second", "third"], examples.Select(e => e.Text).Order(StringComparer.Ordinal));
        Assert.Equal("first", examples.Single(e => e.ExampleId == "decision:1").Text);
        Assert.Equal(1, examples.Single(e => e.ExampleId == "decision:3").Labels[Categories.Harassment]);
    }

    [SkippableFact]
    public async Task Many_texts_are_remembered_at_once_and_the_first_for_a_submission_stays()
    {
        var store = await StoreAsync();
        var ids = Enumerable.Range(0, 5).Select(_ => Guid.NewGuid()).ToList();
        await store.RememberTextsAsync([new ClassifiedText(ids[0], ContentKind.Comment, "stored before")], CancellationToken.None);
        await store.RememberTextsAsync([], CancellationToken.None);

        await store.RememberTextsAsync(
            [.. ids.Select((id, i) => new ClassifiedText(id, i == 1 ? ContentKind.Article : ContentKind.Comment, $"text {i}")),
                new ClassifiedText(ids[2], ContentKind.Comment, "text 2 again")],
            CancellationToken.None);

        var texts = await store.GetTextsAsync([.. ids, Guid.NewGuid()], CancellationToken.None);
        Assert.Equal(ids.ToHashSet(), texts.Keys.ToHashSet());
        Assert.Equal("stored before", texts[ids[0]].Text);
        Assert.Equal(new ClassifiedText(ids[1], ContentKind.Article, "text 1"), texts[ids[1]]);
        Assert.Equal("text 2", texts[ids[2]].Text);
        Assert.Equal("text 4", texts[ids[4]].Text);
        Assert.Empty(await store.GetTextsAsync([], CancellationToken.None));
    }

    [SkippableFact]
    public async Task Model_versions_keep_their_metrics_and_bytes_and_exactly_one_is_promoted()
    {
        var store = await StoreAsync();
        Assert.Null(await store.GetPromotedModelAsync(CancellationToken.None));

        await store.AddModelAsync(Model("model-a", 0), [1, 2, 3], CancellationToken.None);
        await store.AddModelAsync(Model("model-b", 1), [4, 5], CancellationToken.None);
        await store.PromoteAsync("model-a", CancellationToken.None);
        await store.PromoteAsync("model-b", CancellationToken.None);

        var promoted = await store.GetPromotedModelAsync(CancellationToken.None);
        Assert.Equal("model-b", promoted!.Value.Model.Version);
        Assert.Equal([4, 5], promoted.Value.Bytes);
        var models = await store.ListModelsAsync(CancellationToken.None);
        Assert.Equal(["model-b", "model-a"], models.Select(m => m.Version));
        Assert.Equal([true, false], models.Select(m => m.Promoted));
        Assert.Equal(0.95, models[1].Categories[Categories.Harassment].Auprc);
    }

    public void Dispose()
    {
        DisposeStore();
        GC.SuppressFinalize(this);
    }
}

public sealed class SqliteTrainingStoreTests : TrainingStoreContract
{
    private readonly TempSqlite _sqlite = new();

    protected override ITrainingStore CreateStore() => new SqliteTrainingStore(_sqlite.Database);

    protected override void DisposeStore() => _sqlite.Dispose();
}

public sealed class MongoTrainingStoreTests : TrainingStoreContract
{
    private TempMongo? _mongo;

    protected override ITrainingStore CreateStore()
    {
        _mongo ??= new TempMongo();
        return new MongoTrainingStore(_mongo.Database, TimeProvider.System);
    }

    protected override void DisposeStore() => _mongo?.Dispose();
}
