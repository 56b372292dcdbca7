using System.Text.Json;
using Moderation.Contracts;
using Moderation.Ingestion.Domain;
using Moderation.Messaging;
using Moderation.ServiceDefaults;
using Moderation.Storage;
using Moderation.WebConsole;
using MongoDB.Bson;
using MongoDB.Driver;

namespace Moderation.Ingestion.Storage;

/// <summary>
/// Submissions in MongoDB. The record travels as a JSON document inside the BSON one; the fields
/// queried on sit beside it. Updates are optimistic: a replace conditioned on the version read.
/// The duplicate window is the SQLite adapter's rule: a record duplicates the earliest stored
/// submission of its content received at or after its window's start, whichever way that one was
/// stored. A claim per content hash (a unique _id) only makes the check and the insert atomic: the
/// first submission inserts the claim, a later one finds it, and a claim older than the window is
/// taken over by a replace conditioned on what was read.
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
            new CreateIndexModel<BsonDocument>(keys.Ascending("contentHash").Ascending("receivedAt")),
        ], cancellationToken);
    }

    private async Task<SubmissionRecord?> AddUnlessDuplicateAsync(SubmissionRecord record, DateTimeOffset windowStart, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(record);
        var claimId = Builders<BsonDocument>.Filter.Eq("_id", record.ContentHash);
        var claim = ClaimOf(record);
        for (var attempt = 0; attempt < MaxUpdateAttempts; attempt++)
        {
            if (await FindFirstAsync(record.ContentHash, windowStart, cancellationToken) is { } stored)
            {
                return stored;
            }

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

    /// <summary>
    /// The claims of the records whose content is new to this call go in as one unordered insert, their
    /// submissions as another. A record whose claim exists already (a duplicate, or a claim to take
    /// over) and a record repeating the content of an earlier one of this call then take the single
    /// path, in order, so each meets the claims before it as it would have alone.
    /// </summary>
    public async Task<IReadOnlyList<SubmissionRecord?>> AddManyUnlessDuplicateAsync(
        IReadOnlyList<SubmissionRecord> records, TimeSpan duplicateWindow, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(records);
        if (records.Count == 0)
        {
            return [];
        }

        // Contents stored since the earliest window of the call take the single path, which finds their first.
        var contents = await StoredContentsAsync(records, records.Min(r => r.ReceivedAt) - duplicateWindow, cancellationToken);
        var claimed = await ClaimManyAsync([.. records.Where(r => contents.Add(r.ContentHash))], cancellationToken);
        await InsertClaimedAsync(claimed, cancellationToken);

        var stored = claimed.Select(r => r.SubmissionId).ToHashSet();
        var firsts = new SubmissionRecord?[records.Count];
        for (var i = 0; i < records.Count; i++)
        {
            if (!stored.Contains(records[i].SubmissionId))
            {
                firsts[i] = await AddUnlessDuplicateAsync(records[i], records[i].ReceivedAt - duplicateWindow, cancellationToken);
            }
        }

        return firsts;
    }

    /// <summary>The earliest stored submission of the content received at or after <paramref name="windowStart"/>.</summary>
    private async Task<SubmissionRecord?> FindFirstAsync(string contentHash, DateTimeOffset windowStart, CancellationToken cancellationToken)
    {
        var document = await _submissions
            .Find(Builders<BsonDocument>.Filter.Eq("contentHash", contentHash) & Builders<BsonDocument>.Filter.Gte("receivedAt", windowStart.UtcDateTime))
            .Sort(Builders<BsonDocument>.Sort.Ascending("receivedAt"))
            .Limit(1)
            .FirstOrDefaultAsync(cancellationToken);
        return document is null ? null : FromDocument(document);
    }

    /// <summary>The contents of these records with a submission stored at or after <paramref name="since"/>.</summary>
    private async Task<HashSet<string>> StoredContentsAsync(IReadOnlyList<SubmissionRecord> records, DateTimeOffset since, CancellationToken cancellationToken)
    {
        var hashes = await _submissions
            .Find(Builders<BsonDocument>.Filter.In("contentHash", records.Select(r => r.ContentHash).Distinct()) &
                  Builders<BsonDocument>.Filter.Gte("receivedAt", since.UtcDateTime))
            .Project(Builders<BsonDocument>.Projection.Include("contentHash"))
            .ToListAsync(cancellationToken);
        return hashes.Select(d => d["contentHash"].AsString).ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>Inserts the claims of records with distinct contents; returns the records whose claim went in (the others' content is claimed already).</summary>
    private async Task<List<SubmissionRecord>> ClaimManyAsync(List<SubmissionRecord> records, CancellationToken cancellationToken)
    {
        if (records.Count == 0)
        {
            return records;
        }

        try
        {
            await _contentClaims.InsertManyAsync(records.Select(ClaimOf), new InsertManyOptions { IsOrdered = false }, cancellationToken);
            return records;
        }
        catch (MongoBulkWriteException<BsonDocument> ex) when (ex.WriteConcernError is null && ex.WriteErrors.All(e => e.Category == ServerErrorCategory.DuplicateKey))
        {
            var taken = ex.WriteErrors.Select(e => e.Index).ToHashSet();
            return [.. records.Where((_, i) => !taken.Contains(i))];
        }
        catch
        {
            // Claims that went in before the failure would hold their content for a submission that never comes.
            await GiveUpClaimsAsync(records);
            throw;
        }
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

    private Task InsertClaimedAsync(SubmissionRecord record, CancellationToken cancellationToken) => InsertClaimedAsync([record], cancellationToken);

    /// <summary>Inserts the submissions of claims just taken; the claims of those that could not be inserted are given up again.</summary>
    private async Task InsertClaimedAsync(IReadOnlyList<SubmissionRecord> records, CancellationToken cancellationToken)
    {
        if (records.Count == 0)
        {
            return;
        }

        try
        {
            await _submissions.InsertManyAsync(records.Select(r => ToDocument(r, version: 1)), new InsertManyOptions { IsOrdered = false }, cancellationToken);
        }
        catch (Exception ex)
        {
            // An unordered insert names the documents that failed; after any other error none is known to be in.
            var failed = ex is MongoBulkWriteException<BsonDocument> bulk && bulk.WriteErrors.Count > 0
                ? [.. bulk.WriteErrors.Select(e => records[e.Index])]
                : records;
            await GiveUpClaimsAsync(failed);
            throw;
        }
    }

    /// <summary>Deletes the claims these records hold (none that another submission took since).</summary>
    private Task GiveUpClaimsAsync(IReadOnlyList<SubmissionRecord> records) =>
        _contentClaims.DeleteManyAsync(
            Builders<BsonDocument>.Filter.Or(records.Select(r =>
                Builders<BsonDocument>.Filter.Eq("_id", r.ContentHash) &
                Builders<BsonDocument>.Filter.Eq("submissionId", r.SubmissionId.ToString()))),
            CancellationToken.None);

    private static BsonDocument ClaimOf(SubmissionRecord record) => new()
    {
        { "_id", record.ContentHash },
        { "submissionId", record.SubmissionId.ToString() },
        { "receivedAt", record.ReceivedAt.UtcDateTime },
    };

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

    private async Task<bool> UpdateAsync(Guid submissionId, Func<SubmissionRecord, bool> change, CancellationToken cancellationToken)
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

    public Task MarkPublishedAsync(IReadOnlyCollection<string> keys, DateTimeOffset publishedAt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(keys);
        return UpdateManyAsync([.. keys.Select(key => new SubmissionChange(Guid.Parse(key), record => record.MarkPublished(publishedAt)))], cancellationToken);
    }

    /// <summary>
    /// One read of every submission named, the changes applied in memory, and one unordered bulk of
    /// replaces, each conditioned on the version read. A bulk result counts the replaces that matched
    /// but does not name them, so when one lost a race every changed submission is updated again on
    /// its own: the changes are idempotent, so those whose replace landed are left as they are.
    /// </summary>
    public async Task UpdateManyAsync(IReadOnlyList<SubmissionChange> changes, CancellationToken cancellationToken)
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
            var version = document["version"].ToInt64();
            var record = FromDocument(document);
            if (ApplyAll(record, bySubmission[id]))
            {
                replaces.Add(new ReplaceOneModel<BsonDocument>(
                    Builders<BsonDocument>.Filter.Eq("_id", id) & Builders<BsonDocument>.Filter.Eq("version", version),
                    ToDocument(record, version + 1)));
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
        { "contentHash", record.ContentHash },
        { "version", version },
        { "document", JsonSerializer.Serialize(record, ModerationJson.Options) },
    };

    private static SubmissionRecord FromDocument(BsonDocument document) =>
        JsonSerializer.Deserialize<SubmissionRecord>(document["document"].AsString, ModerationJson.Options)!;
}
