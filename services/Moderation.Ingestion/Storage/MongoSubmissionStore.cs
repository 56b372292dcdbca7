using System.Text.Json;
using MongoDB.Bson;
using MongoDB.Driver;
using Moderation.Contracts;
using Moderation.Ingestion.Domain;
using Moderation.ServiceDefaults;

namespace Moderation.Ingestion.Storage;

/// <summary>
/// Submissions in MongoDB. The record travels as a JSON document inside the BSON one; the fields
/// queried on sit beside it. Updates are optimistic: a replace conditioned on the version read.
/// </summary>
public sealed class MongoSubmissionStore(IMongoDatabase database) : ISubmissionStore, IModerationStore
{
    private const int MaxUpdateAttempts = 20;

    private readonly IMongoCollection<BsonDocument> _submissions = database.GetCollection<BsonDocument>("ingestion_submissions");

    public async Task InitializeAsync(CancellationToken cancellationToken)
    {
        var keys = Builders<BsonDocument>.IndexKeys;
        await _submissions.Indexes.CreateManyAsync(
        [
            new CreateIndexModel<BsonDocument>(keys.Ascending("articleId").Ascending("kind")),
            new CreateIndexModel<BsonDocument>(keys.Ascending("commentId"), new CreateIndexOptions<BsonDocument>
            {
                Unique = true,
                PartialFilterExpression = Builders<BsonDocument>.Filter.Type("commentId", BsonType.String),
            }),
            new CreateIndexModel<BsonDocument>(keys.Ascending("publishedAt").Ascending("receivedAt")),
        ], cancellationToken);
    }

    public Task AddAsync(SubmissionRecord record, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(record);
        return _submissions.InsertOneAsync(ToDocument(record, version: 1), cancellationToken: cancellationToken);
    }

    public Task<SubmissionRecord?> GetAsync(Guid submissionId, CancellationToken cancellationToken) =>
        FindOneAsync(Builders<BsonDocument>.Filter.Eq("_id", submissionId.ToString()), cancellationToken);

    public Task<SubmissionRecord?> FindArticleAsync(Guid articleId, CancellationToken cancellationToken) =>
        FindOneAsync(Builders<BsonDocument>.Filter.Eq("articleId", articleId.ToString()) &
                     Builders<BsonDocument>.Filter.Eq("kind", nameof(ContentKind.Article)), cancellationToken);

    public Task<SubmissionRecord?> FindCommentAsync(Guid commentId, CancellationToken cancellationToken) =>
        FindOneAsync(Builders<BsonDocument>.Filter.Eq("commentId", commentId.ToString()), cancellationToken);

    public async Task<bool> UpdateAsync(Guid submissionId, Func<SubmissionRecord, bool> change, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(change);
        var id = Builders<BsonDocument>.Filter.Eq("_id", submissionId.ToString());
        for (var attempt = 0; attempt < MaxUpdateAttempts; attempt++)
        {
            var document = await _submissions.Find(id).FirstOrDefaultAsync(cancellationToken);
            if (document is null)
            {
                return false;
            }

            var version = document["version"].ToInt64();
            var record = FromDocument(document);
            if (!change(record))
            {
                return false;
            }

            var result = await _submissions.ReplaceOneAsync(
                id & Builders<BsonDocument>.Filter.Eq("version", version),
                ToDocument(record, version + 1),
                cancellationToken: cancellationToken);
            if (result.ModifiedCount == 1)
            {
                return true;
            }
        }

        throw new InvalidOperationException($"Submission {submissionId} kept changing under {MaxUpdateAttempts} attempts to update it.");
    }

    public async Task<IReadOnlyList<PendingEvent>> ListPendingAsync(DateTimeOffset storedBefore, int limit, CancellationToken cancellationToken)
    {
        var filter = Builders<BsonDocument>.Filter.Eq("publishedAt", BsonNull.Value) &
                     Builders<BsonDocument>.Filter.Lt("receivedAt", storedBefore.UtcDateTime);
        var documents = await _submissions.Find(filter).Sort(Builders<BsonDocument>.Sort.Ascending("receivedAt")).Limit(limit).ToListAsync(cancellationToken);
        return documents.Select(FromDocument).Select(r => new PendingEvent(r.SubmissionId.ToString(), r.ToEvent())).ToList();
    }

    public Task MarkPublishedAsync(string key, DateTimeOffset publishedAt, CancellationToken cancellationToken) =>
        UpdateAsync(Guid.Parse(key), record => record.MarkPublished(publishedAt), cancellationToken);

    private async Task<SubmissionRecord?> FindOneAsync(FilterDefinition<BsonDocument> filter, CancellationToken cancellationToken)
    {
        var document = await _submissions.Find(filter).FirstOrDefaultAsync(cancellationToken);
        return document is null ? null : FromDocument(document);
    }

    private static BsonDocument ToDocument(SubmissionRecord record, long version) => new()
    {
        { "_id", record.SubmissionId.ToString() },
        { "kind", record.Kind.ToString() },
        { "articleId", record.ArticleId.ToString() },
        { "commentId", record.CommentId is { } commentId ? commentId.ToString() : BsonNull.Value },
        { "receivedAt", record.ReceivedAt.UtcDateTime },
        { "publishedAt", record.PublishedAt is { } publishedAt ? publishedAt.UtcDateTime : BsonNull.Value },
        { "version", version },
        { "document", JsonSerializer.Serialize(record, ModerationJson.Options) },
    };

    private static SubmissionRecord FromDocument(BsonDocument document) =>
        JsonSerializer.Deserialize<SubmissionRecord>(document["document"].AsString, ModerationJson.Options)!;
}
