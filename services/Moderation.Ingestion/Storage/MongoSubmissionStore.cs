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
/// Duplicates are caught atomically by a claim per content hash (a unique _id): the first submission
/// inserts the claim, a later one finds it, and a claim older than the window is taken over by a
/// replace conditioned on what was read.
/// </summary>
public sealed class MongoSubmissionStore(IMongoDatabase database) : ISubmissionStore, IModerationStore
{
    private const int MaxUpdateAttempts = 20;

    /// <summary>How long a claim may point at a submission not yet readable (its insert in flight) before it is taken over.</summary>
    private static readonly TimeSpan ClaimInFlight = TimeSpan.FromSeconds(30);

    private readonly IMongoCollection<BsonDocument> _submissions = database.GetCollection<BsonDocument>("ingestion_submissions");
    private readonly IMongoCollection<BsonDocument> _contentClaims = database.GetCollection<BsonDocument>("ingestion_content_claims");
    private readonly IMongoCollection<BsonDocument> _answers = database.GetCollection<BsonDocument>("ingestion_idempotency");

    public async Task InitializeAsync(CancellationToken cancellationToken)
    {
        var keys = Builders<BsonDocument>.IndexKeys;
        await _submissions.Indexes.CreateManyAsync(
        [
            new CreateIndexModel<BsonDocument>(keys.Ascending("commentId"), new CreateIndexOptions<BsonDocument>
            {
                Unique = true,
                PartialFilterExpression = Builders<BsonDocument>.Filter.Type("commentId", BsonType.String),
            }),
            new CreateIndexModel<BsonDocument>(keys.Ascending("publishedAt").Ascending("receivedAt")),
            new CreateIndexModel<BsonDocument>(keys.Ascending("articleId").Ascending("kind").Ascending("receivedAt")),
        ], cancellationToken);
    }

    public async Task<SubmissionRecord?> AddUnlessDuplicateAsync(SubmissionRecord record, DateTimeOffset windowStart, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(record);
        var claimId = Builders<BsonDocument>.Filter.Eq("_id", record.ContentHash);
        var claim = new BsonDocument
        {
            { "_id", record.ContentHash },
            { "submissionId", record.SubmissionId.ToString() },
            { "receivedAt", record.ReceivedAt.UtcDateTime },
        };
        for (var attempt = 0; attempt < MaxUpdateAttempts; attempt++)
        {
            var existing = await _contentClaims.Find(claimId).FirstOrDefaultAsync(cancellationToken);
            if (existing is null)
            {
                try
                {
                    await _contentClaims.InsertOneAsync(claim, cancellationToken: cancellationToken);
                }
                catch (MongoWriteException ex) when (ex.WriteError?.Category == ServerErrorCategory.DuplicateKey)
                {
                    continue;
                }

                await InsertClaimedAsync(record, cancellationToken);
                return null;
            }

            var claimedAt = new DateTimeOffset(existing["receivedAt"].ToUniversalTime());
            if (claimedAt >= windowStart)
            {
                if (await GetAsync(Guid.Parse(existing["submissionId"].AsString), cancellationToken) is { } first)
                {
                    return first;
                }

                if (claimedAt > record.ReceivedAt - ClaimInFlight)
                {
                    await Task.Delay(TimeSpan.FromMilliseconds(25 * (attempt + 1)), cancellationToken);
                    continue;
                }
            }

            var takeOver = await _contentClaims.ReplaceOneAsync(
                claimId & Builders<BsonDocument>.Filter.Eq("submissionId", existing["submissionId"]) &
                Builders<BsonDocument>.Filter.Eq("receivedAt", existing["receivedAt"]),
                claim,
                cancellationToken: cancellationToken);
            if (takeOver.ModifiedCount == 1)
            {
                await InsertClaimedAsync(record, cancellationToken);
                return null;
            }
        }

        throw new InvalidOperationException($"The content of submission {record.SubmissionId} kept being claimed under {MaxUpdateAttempts} attempts.");
    }

    public async Task<IReadOnlyList<SubmissionRecord>> ListCommentsAsync(Guid articleId, int limit, CancellationToken cancellationToken)
    {
        var filter = Builders<BsonDocument>.Filter.Eq("articleId", articleId.ToString()) &
                     Builders<BsonDocument>.Filter.Eq("kind", nameof(ContentKind.Comment));
        var documents = await _submissions.Find(filter)
            .Sort(Builders<BsonDocument>.Sort.Ascending("receivedAt").Ascending("_id"))
            .Limit(limit)
            .ToListAsync(cancellationToken);
        return documents.Select(FromDocument).ToList();
    }

    public async Task<IdempotentAnswer?> FindAnswerAsync(string key, DateTimeOffset notBefore, CancellationToken cancellationToken)
    {
        var filter = Builders<BsonDocument>.Filter.Eq("_id", key) & Builders<BsonDocument>.Filter.Gte("createdAt", notBefore.UtcDateTime);
        var document = await _answers.Find(filter).FirstOrDefaultAsync(cancellationToken);
        return document is null ? null : AnswerFromDocument(document);
    }

    public async Task<IdempotentAnswer> SaveAnswerAsync(IdempotentAnswer answer, DateTimeOffset replaceBefore, CancellationToken cancellationToken)
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
        return AnswerFromDocument(kept);
    }

    private async Task InsertClaimedAsync(SubmissionRecord record, CancellationToken cancellationToken)
    {
        try
        {
            await AddAsync(record, cancellationToken);
        }
        catch
        {
            await _contentClaims.DeleteOneAsync(
                Builders<BsonDocument>.Filter.Eq("_id", record.ContentHash) &
                Builders<BsonDocument>.Filter.Eq("submissionId", record.SubmissionId.ToString()),
                CancellationToken.None);
            throw;
        }
    }

    private static IdempotentAnswer AnswerFromDocument(BsonDocument document) => new(
        document["_id"].AsString,
        document["requestHash"].AsString,
        document["statusCode"].ToInt32(),
        document["body"].AsString,
        document["location"].IsBsonNull ? null : document["location"].AsString,
        new DateTimeOffset(document["createdAt"].ToUniversalTime()));

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

    public async Task MarkPublishedAsync(IReadOnlyCollection<string> keys, DateTimeOffset publishedAt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(keys);
        foreach (var key in keys)
        {
            await UpdateAsync(Guid.Parse(key), record => record.MarkPublished(publishedAt), cancellationToken);
        }
    }

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
