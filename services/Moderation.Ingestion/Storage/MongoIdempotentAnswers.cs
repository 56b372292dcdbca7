using Moderation.Ingestion.Domain;
using MongoDB.Bson;
using MongoDB.Driver;

namespace Moderation.Ingestion.Storage;

/// <summary>The Idempotency-Key answers of <see cref="MongoSubmissionStore"/>, one document per scoped key.</summary>
internal sealed class MongoIdempotentAnswers(IMongoDatabase database)
{
    private readonly IMongoCollection<BsonDocument> _answers = database.GetCollection<BsonDocument>("ingestion_idempotency");

    public async Task<IdempotentAnswer?> FindAsync(string key, DateTimeOffset notBefore, CancellationToken cancellationToken)
    {
        var filter = Builders<BsonDocument>.Filter.Eq("_id", key) & Builders<BsonDocument>.Filter.Gte("createdAt", notBefore.UtcDateTime);
        var document = await _answers.Find(filter).FirstOrDefaultAsync(cancellationToken);
        return document is null ? null : FromDocument(document);
    }

    /// <summary>Inserts the answer, or replaces one created before <paramref name="replaceBefore"/>; returns the one kept.</summary>
    public async Task<IdempotentAnswer> SaveAsync(IdempotentAnswer answer, DateTimeOffset replaceBefore, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(answer);
        var document = new BsonDocument
        {
            { "_id", answer.Key },
            { "requestHash", answer.RequestHash },
            { "statusCode", answer.StatusCode },
            { "body", answer.Body },
            { "location", answer.Location is { } location ? location : BsonNull.Value },
            { "createdAt", answer.CreatedAt.UtcDateTime },
        };
        try
        {
            await _answers.InsertOneAsync(document, cancellationToken: cancellationToken);
        }
        catch (MongoWriteException ex) when (ex.WriteError?.Category == ServerErrorCategory.DuplicateKey)
        {
            await _answers.ReplaceOneAsync(
                Builders<BsonDocument>.Filter.Eq("_id", answer.Key) & Builders<BsonDocument>.Filter.Lt("createdAt", replaceBefore.UtcDateTime),
                document,
                cancellationToken: cancellationToken);
        }

        var kept = await _answers.Find(Builders<BsonDocument>.Filter.Eq("_id", answer.Key)).FirstAsync(cancellationToken);
        return FromDocument(kept);
    }

    private static IdempotentAnswer FromDocument(BsonDocument document) => new(
        document["_id"].AsString,
        document["requestHash"].AsString,
        document["statusCode"].ToInt32(),
        document["body"].AsString,
        document["location"].IsBsonNull ? null : document["location"].AsString,
        new DateTimeOffset(document["createdAt"].ToUniversalTime()));
}
