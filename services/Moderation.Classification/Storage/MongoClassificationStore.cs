using Moderation.Contracts;
using Moderation.Storage;
using MongoDB.Bson;
using MongoDB.Driver;

namespace Moderation.Classification.Storage;

public sealed class MongoClassificationStore(IMongoDatabase database) : IClassificationStore, IModerationStore
{
    private readonly IMongoCollection<BsonDocument> _results = database.GetCollection<BsonDocument>("classification_results");

    public Task InitializeAsync(CancellationToken cancellationToken) =>
        _results.Indexes.CreateOneAsync(
            new CreateIndexModel<BsonDocument>(Builders<BsonDocument>.IndexKeys.Ascending("classifiedAt")),
            cancellationToken: cancellationToken);

    public async Task<IReadOnlyDictionary<Guid, ContentClassified>> GetManyAsync(IReadOnlyCollection<Guid> submissionIds, CancellationToken cancellationToken) =>
        (await _results.FindByIdsAsync(submissionIds, cancellationToken))
            .Select(d => ClassificationResultDocument.Deserialize(d["document"].AsString))
            .ToDictionary(r => r.SubmissionId);

    /// <summary>
    /// One unordered insert of the first result given for each submission; the submissions whose
    /// insert met a stored result are read back in one query, and that stored result is theirs.
    /// </summary>
    public async Task<IReadOnlyList<ContentClassified>> AddOrGetManyAsync(IReadOnlyList<ContentClassified> results, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(results);
        var candidates = results.DistinctBy(r => r.SubmissionId).ToList();
        var refused = await _results.InsertUnlessStoredAsync(candidates.Select(result => new BsonDocument
        {
            { "_id", result.SubmissionId.ToString() },
            { "classifiedAt", result.OccurredAt.UtcDateTime },
            { "document", ClassificationResultDocument.Serialize(result) },
        }).ToList(), cancellationToken);
        var stored = await GetManyAsync(refused.Select(i => candidates[i].SubmissionId).ToList(), cancellationToken);
        var kept = candidates.ToDictionary(c => c.SubmissionId, c => stored.GetValueOrDefault(c.SubmissionId, c));
        return results.Select(r => kept[r.SubmissionId]).ToList();
    }
}
