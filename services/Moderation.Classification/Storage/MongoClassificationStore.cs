using System.Text.Json;
using MongoDB.Bson;
using MongoDB.Driver;
using Moderation.Contracts;
using Moderation.ServiceDefaults;

namespace Moderation.Classification.Storage;

public sealed class MongoClassificationStore(IMongoDatabase database) : IClassificationStore, IModerationStore
{
    private const int DuplicateKeyCode = 11000;

    private readonly IMongoCollection<BsonDocument> _results = database.GetCollection<BsonDocument>("classification_results");

    public Task InitializeAsync(CancellationToken cancellationToken) =>
        _results.Indexes.CreateOneAsync(
            new CreateIndexModel<BsonDocument>(Builders<BsonDocument>.IndexKeys.Ascending("classifiedAt")),
            cancellationToken: cancellationToken);

    public async Task<ContentClassified?> GetAsync(Guid submissionId, CancellationToken cancellationToken)
    {
        var document = await _results.Find(Builders<BsonDocument>.Filter.Eq("_id", submissionId.ToString())).FirstOrDefaultAsync(cancellationToken);
        return document is null ? null : JsonSerializer.Deserialize<ContentClassified>(document["document"].AsString, ModerationJson.Options);
    }

    public async Task<ContentClassified> AddOrGetAsync(ContentClassified result, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(result);
        try
        {
            await _results.InsertOneAsync(new BsonDocument
            {
                { "_id", result.SubmissionId.ToString() },
                { "classifiedAt", result.OccurredAt.UtcDateTime },
                { "document", JsonSerializer.Serialize(result, ModerationJson.Options) },
            }, cancellationToken: cancellationToken);
            return result;
        }
        catch (MongoWriteException ex) when (ex.WriteError.Code == DuplicateKeyCode)
        {
            return await GetAsync(result.SubmissionId, cancellationToken) ?? result;
        }
    }
}
