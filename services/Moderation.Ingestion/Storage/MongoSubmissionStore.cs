using Moderation.Contracts;
using Moderation.Ingestion.Domain;
using Moderation.Messaging;
using Moderation.Storage;
using MongoDB.Bson;
using MongoDB.Driver;

namespace Moderation.Ingestion.Storage;

/// <summary>
/// Submissions in MongoDB (<see cref="MongoSubmissionBson"/>); new ones pass the duplicate window
/// of <see cref="MongoContentClaims"/>, and Idempotency-Key answers live in <see cref="MongoIdempotentAnswers"/>.
/// Updates are optimistic: a replace conditioned on the version read.
/// </summary>
public sealed class MongoSubmissionStore : ISubmissionStore, IModerationStore
{
    private const int MaxUpdateAttempts = 20;

    private readonly IMongoCollection<BsonDocument> _submissions;
    private readonly MongoContentClaims _claims;
    private readonly MongoIdempotentAnswers _answers;

    public MongoSubmissionStore(IMongoDatabase database)
    {
        ArgumentNullException.ThrowIfNull(database);
        _submissions = database.GetCollection<BsonDocument>("ingestion_submissions");
        _claims = new MongoContentClaims(database, _submissions);
        _answers = new MongoIdempotentAnswers(database);
    }

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
            new CreateIndexModel<BsonDocument>(keys.Ascending("contentHash").Ascending("receivedAt")),
        ], cancellationToken);
    }

    public Task AddAsync(SubmissionRecord record, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(record);
        return _submissions.InsertOneAsync(MongoSubmissionBson.ToBson(record, version: 1), cancellationToken: cancellationToken);
    }

    public Task<IReadOnlyList<SubmissionRecord?>> AddManyUnlessDuplicateAsync(
        IReadOnlyList<SubmissionRecord> records, TimeSpan duplicateWindow, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(records);
        return _claims.AddManyUnlessDuplicateAsync(records, duplicateWindow, cancellationToken);
    }

    public async Task<IReadOnlyList<SubmissionRecord>> ListCommentsAsync(Guid articleId, int limit, CancellationToken cancellationToken)
    {
        var filter = Builders<BsonDocument>.Filter.Eq("articleId", articleId.ToString()) &
                     Builders<BsonDocument>.Filter.Eq("kind", nameof(ContentKind.Comment));
        var documents = await _submissions.Find(filter)
            .Sort(Builders<BsonDocument>.Sort.Ascending("receivedAt").Ascending("_id"))
            .Limit(limit)
            .ToListAsync(cancellationToken);
        return documents.Select(MongoSubmissionBson.FromBson).ToList();
    }

    public Task<IdempotentAnswer?> FindAnswerAsync(string key, DateTimeOffset notBefore, CancellationToken cancellationToken) =>
        _answers.FindAsync(key, notBefore, cancellationToken);

    public Task<IdempotentAnswer> SaveAnswerAsync(IdempotentAnswer answer, DateTimeOffset replaceBefore, CancellationToken cancellationToken) =>
        _answers.SaveAsync(answer, replaceBefore, cancellationToken);

    public Task<SubmissionRecord?> GetAsync(Guid submissionId, CancellationToken cancellationToken) =>
        FindOneAsync(Builders<BsonDocument>.Filter.Eq("_id", submissionId.ToString()), cancellationToken);

    public Task<SubmissionRecord?> FindArticleAsync(Guid articleId, CancellationToken cancellationToken) =>
        FindOneAsync(Builders<BsonDocument>.Filter.Eq("articleId", articleId.ToString()) &
                     Builders<BsonDocument>.Filter.Eq("kind", nameof(ContentKind.Article)), cancellationToken);

    public Task<SubmissionRecord?> FindCommentAsync(Guid commentId, CancellationToken cancellationToken) =>
        FindOneAsync(Builders<BsonDocument>.Filter.Eq("commentId", commentId.ToString()), cancellationToken);

    public async Task<IReadOnlyList<PendingEvent>> ListPendingAsync(DateTimeOffset storedBefore, int limit, CancellationToken cancellationToken)
    {
        var filter = Builders<BsonDocument>.Filter.Eq("publishedAt", BsonNull.Value) &
                     Builders<BsonDocument>.Filter.Lt("receivedAt", storedBefore.UtcDateTime);
        var documents = await _submissions.Find(filter).Sort(Builders<BsonDocument>.Sort.Ascending("receivedAt")).Limit(limit).ToListAsync(cancellationToken);
        return documents.Select(MongoSubmissionBson.FromBson).Select(r => new PendingEvent(r.SubmissionId.ToString(), r.ToEvent())).ToList();
    }

    public Task MarkPublishedAsync(IReadOnlyCollection<string> keys, DateTimeOffset publishedAt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(keys);
        return UpdateManyAsync([.. keys.Select(key => new SubmissionRecordChange(Guid.Parse(key), record => record.MarkPublished(publishedAt)))], cancellationToken);
    }

    /// <summary>
    /// One read of every submission named, the changes applied in memory, and one unordered bulk of
    /// replaces, each conditioned on the version read. A bulk result counts the replaces that matched
    /// but does not name them, so when one lost a race every changed submission is updated again on
    /// its own: the changes are idempotent, so those whose replace landed are left as they are.
    /// </summary>
    public async Task UpdateManyAsync(IReadOnlyList<SubmissionRecordChange> changes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(changes);
        var bySubmission = changes.GroupBy(c => c.SubmissionId.ToString()).ToDictionary(g => g.Key, g => g.Select(c => c.Change).ToList());
        if (bySubmission.Count == 0)
        {
            return;
        }

        var documents = await _submissions.Find(Builders<BsonDocument>.Filter.In("_id", bySubmission.Keys)).ToListAsync(cancellationToken);
        var replaces = new List<WriteModel<BsonDocument>>();
        var replaced = new List<string>();
        foreach (var document in documents)
        {
            var id = document["_id"].AsString;
            var version = MongoSubmissionBson.VersionOf(document);
            var record = MongoSubmissionBson.FromBson(document);
            if (ApplyAll(record, bySubmission[id]))
            {
                replaces.Add(new ReplaceOneModel<BsonDocument>(
                    Builders<BsonDocument>.Filter.Eq("_id", id) & Builders<BsonDocument>.Filter.Eq("version", version),
                    MongoSubmissionBson.ToBson(record, version + 1)));
                replaced.Add(id);
            }
        }

        if (replaces.Count == 0)
        {
            return;
        }

        var result = await _submissions.BulkWriteAsync(replaces, new BulkWriteOptions { IsOrdered = false }, cancellationToken);
        if (result.MatchedCount == replaces.Count)
        {
            return;
        }

        foreach (var id in replaced)
        {
            await UpdateAsync(Guid.Parse(id), record => ApplyAll(record, bySubmission[id]), cancellationToken);
        }
    }

    private async Task UpdateAsync(Guid submissionId, Func<SubmissionRecord, bool> change, CancellationToken cancellationToken)
    {
        var id = Builders<BsonDocument>.Filter.Eq("_id", submissionId.ToString());
        for (var attempt = 0; attempt < MaxUpdateAttempts; attempt++)
        {
            var document = await _submissions.Find(id).FirstOrDefaultAsync(cancellationToken);
            if (document is null)
            {
                return;
            }

            var version = MongoSubmissionBson.VersionOf(document);
            var record = MongoSubmissionBson.FromBson(document);
            if (!change(record))
            {
                return;
            }

            var result = await _submissions.ReplaceOneAsync(
                id & Builders<BsonDocument>.Filter.Eq("version", version),
                MongoSubmissionBson.ToBson(record, version + 1),
                cancellationToken: cancellationToken);
            if (result.ModifiedCount == 1)
            {
                return;
            }
        }

        throw new InvalidOperationException($"Submission {submissionId} kept changing under {MaxUpdateAttempts} attempts to update it.");
    }

    /// <summary>Runs every change, in order, even after one that changed nothing; true when any changed the record.</summary>
    private static bool ApplyAll(SubmissionRecord record, List<Func<SubmissionRecord, bool>> changes)
    {
        var changed = false;
        foreach (var change in changes)
        {
            changed |= change(record);
        }

        return changed;
    }

    private async Task<SubmissionRecord?> FindOneAsync(FilterDefinition<BsonDocument> filter, CancellationToken cancellationToken)
    {
        var document = await _submissions.Find(filter).FirstOrDefaultAsync(cancellationToken);
        return document is null ? null : MongoSubmissionBson.FromBson(document);
    }
}
