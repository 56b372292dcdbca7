using Moderation.Classification.Learning;
using Moderation.Contracts;
using Moderation.Storage;
using MongoDB.Bson;
using MongoDB.Driver;

namespace Moderation.Classification.Storage;

public sealed class MongoTrainingStore(IMongoDatabase database, TimeProvider clock) : ITrainingStore, IModerationStore
{
    private readonly IMongoCollection<BsonDocument> _examples = database.GetCollection<BsonDocument>("training_examples");
    private readonly IMongoCollection<BsonDocument> _texts = database.GetCollection<BsonDocument>("classified_texts");
    private readonly IMongoCollection<BsonDocument> _models = database.GetCollection<BsonDocument>("model_versions");

    public async Task InitializeAsync(CancellationToken cancellationToken)
    {
        await _examples.Indexes.CreateOneAsync(
            new CreateIndexModel<BsonDocument>(Builders<BsonDocument>.IndexKeys.Ascending("addedAt").Ascending("_id")), cancellationToken: cancellationToken);
        await _models.Indexes.CreateOneAsync(
            new CreateIndexModel<BsonDocument>(Builders<BsonDocument>.IndexKeys.Ascending("promoted")), cancellationToken: cancellationToken);
    }

    public async Task<int> AddExamplesAsync(IReadOnlyList<TrainingExample> examples, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(examples);
        var candidates = examples.DistinctBy(e => e.ExampleId, StringComparer.Ordinal).ToList();
        var refused = await _examples.InsertUnlessStoredAsync(candidates.Select(example => new BsonDocument
        {
            { "_id", example.ExampleId },
            { "kind", example.Kind.ToString() },
            { "text", example.Text },
            { "labels", new BsonDocument(example.Labels.ToDictionary(l => l.Key, l => (object)l.Value)) },
            { "origin", example.Origin },
            { "addedAt", example.AddedAt.UtcDateTime },
        }).ToList(), cancellationToken);
        return candidates.Count - refused.Count;
    }

    public async Task<IReadOnlyList<TrainingExample>> ListExamplesAsync(int limit, CancellationToken cancellationToken)
    {
        var documents = await _examples.Find(FilterDefinition<BsonDocument>.Empty)
            .Sort(Builders<BsonDocument>.Sort.Descending("addedAt").Descending("_id"))
            .Limit(limit)
            .ToListAsync(cancellationToken);
        return documents.Select(d => new TrainingExample(d["_id"].AsString, Enum.Parse<ContentKind>(d["kind"].AsString), d["text"].AsString,
            d["labels"].AsBsonDocument.ToDictionary(e => e.Name, e => e.Value.ToInt32()), d["origin"].AsString,
            new DateTimeOffset(d["addedAt"].ToUniversalTime(), TimeSpan.Zero))).ToList();
    }

    public async Task RememberTextsAsync(IReadOnlyList<ClassifiedText> texts, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(texts);
        await _texts.InsertUnlessStoredAsync(texts.DistinctBy(t => t.SubmissionId)
            .Select(t => new BsonDocument { { "_id", t.SubmissionId.ToString() }, { "kind", t.Kind.ToString() }, { "text", t.Text } })
            .ToList(), cancellationToken);
    }

    public async Task<IReadOnlyDictionary<Guid, ClassifiedText>> GetTextsAsync(IReadOnlyCollection<Guid> submissionIds, CancellationToken cancellationToken) =>
        (await _texts.FindByIdsAsync(submissionIds, cancellationToken))
            .Select(d => new ClassifiedText(Guid.Parse(d["_id"].AsString), Enum.Parse<ContentKind>(d["kind"].AsString), d["text"].AsString))
            .ToDictionary(t => t.SubmissionId);

    public Task AddModelAsync(SiteModelVersion model, byte[] bytes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(model);
        return _models.InsertOneAsync(new BsonDocument
        {
            { "_id", model.Version },
            { "createdAt", model.CreatedAt.UtcDateTime },
            { "promoted", false },
            { "promotedAt", BsonNull.Value },
            { "view", ModelVersionDocument.Serialize(model) },
            { "bytes", new BsonBinaryData(bytes) },
        }, cancellationToken: cancellationToken);
    }

    /// <summary>
    /// Marks the version promoted with a timestamp first, then clears the others: a reader between
    /// the two steps may see two promoted versions, and <see cref="GetPromotedModelAsync"/> takes the latest.
    /// </summary>
    public async Task PromoteAsync(string version, CancellationToken cancellationToken)
    {
        await _models.UpdateOneAsync(Builders<BsonDocument>.Filter.Eq("_id", version),
            Builders<BsonDocument>.Update.Set("promoted", true).Set("promotedAt", clock.GetUtcNow().UtcDateTime), cancellationToken: cancellationToken);
        await _models.UpdateManyAsync(Builders<BsonDocument>.Filter.Ne("_id", version),
            Builders<BsonDocument>.Update.Set("promoted", false), cancellationToken: cancellationToken);
    }

    public async Task<IReadOnlyList<SiteModelVersion>> ListModelsAsync(CancellationToken cancellationToken)
    {
        var documents = await _models.Find(FilterDefinition<BsonDocument>.Empty)
            .Project(Builders<BsonDocument>.Projection.Exclude("bytes"))
            .Sort(Builders<BsonDocument>.Sort.Descending("createdAt").Descending("_id"))
            .ToListAsync(cancellationToken);
        return documents.Select(d => ModelVersionDocument.Deserialize(d["view"].AsString, d["promoted"].AsBoolean)).ToList();
    }

    public async Task<(SiteModelVersion Model, byte[] Bytes)?> GetPromotedModelAsync(CancellationToken cancellationToken)
    {
        var document = await _models.Find(Builders<BsonDocument>.Filter.Eq("promoted", true))
            .Sort(Builders<BsonDocument>.Sort.Descending("promotedAt"))
            .FirstOrDefaultAsync(cancellationToken);
        return document is null
            ? null
            : (ModelVersionDocument.Deserialize(document["view"].AsString, promoted: true), document["bytes"].AsBsonBinaryData.Bytes);
    }
}
