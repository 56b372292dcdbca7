using Moderation.Ingestion.Domain;
using MongoDB.Bson;
using MongoDB.Driver;

namespace Moderation.Ingestion.Storage;

/// <summary>
/// New submissions stored unless they duplicate one within the window, for <see cref="MongoSubmissionStore"/>.
/// The duplicate window is the SQLite adapter's rule: a record duplicates the earliest stored
/// submission of its content received at or after its window's start, whichever way that one was
/// stored. A claim per content hash (a unique _id) only makes the check and the insert atomic: the
/// first submission inserts the claim, a later one finds it, and a claim older than the window is
/// taken over by a replace conditioned on what was read.
/// </summary>
internal sealed class MongoContentClaims(IMongoDatabase database, IMongoCollection<BsonDocument> submissions)
{
    private const int MaxClaimAttempts = 20;

    /// <summary>How long a claim may point at a submission not yet readable (its insert in flight) before it is taken over.</summary>
    private static readonly TimeSpan ClaimInFlight = TimeSpan.FromSeconds(30);

    private readonly IMongoCollection<BsonDocument> _claims = database.GetCollection<BsonDocument>("ingestion_content_claims");

    /// <summary>
    /// The claims of the records whose content is new to this call go in as one unordered insert, their
    /// submissions as another. A record whose claim exists already (a duplicate, or a claim to take
    /// over) and a record repeating the content of an earlier one of this call then take the single
    /// path, in order, so each meets the claims before it as it would have alone.
    /// </summary>
    public async Task<IReadOnlyList<SubmissionRecord?>> AddManyUnlessDuplicateAsync(
        IReadOnlyList<SubmissionRecord> records, TimeSpan duplicateWindow, CancellationToken cancellationToken)
    {
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

    private async Task<SubmissionRecord?> AddUnlessDuplicateAsync(SubmissionRecord record, DateTimeOffset windowStart, CancellationToken cancellationToken)
    {
        var claimId = Builders<BsonDocument>.Filter.Eq("_id", record.ContentHash);
        var claim = ClaimOf(record);
        for (var attempt = 0; attempt < MaxClaimAttempts; attempt++)
        {
            if (await FindFirstAsync(record.ContentHash, windowStart, cancellationToken) is { } stored)
            {
                return stored;
            }

            var existing = await _claims.Find(claimId).FirstOrDefaultAsync(cancellationToken);
            if (existing is null)
            {
                try
                {
                    await _claims.InsertOneAsync(claim, cancellationToken: cancellationToken);
                }
                catch (MongoWriteException ex) when (ex.WriteError?.Category == ServerErrorCategory.DuplicateKey)
                {
                    continue;
                }

                await InsertClaimedAsync([record], cancellationToken);
                return null;
            }

            var claimedAt = new DateTimeOffset(existing["receivedAt"].ToUniversalTime());
            if (claimedAt >= windowStart)
            {
                var first = await submissions.Find(Builders<BsonDocument>.Filter.Eq("_id", existing["submissionId"])).FirstOrDefaultAsync(cancellationToken);
                if (first is not null)
                {
                    return MongoSubmissionBson.FromBson(first);
                }

                if (claimedAt > record.ReceivedAt - ClaimInFlight)
                {
                    await Task.Delay(TimeSpan.FromMilliseconds(25 * (attempt + 1)), cancellationToken);
                    continue;
                }
            }

            var takeOver = await _claims.ReplaceOneAsync(
                claimId & Builders<BsonDocument>.Filter.Eq("submissionId", existing["submissionId"]) &
                Builders<BsonDocument>.Filter.Eq("receivedAt", existing["receivedAt"]),
                claim,
                cancellationToken: cancellationToken);
            if (takeOver.ModifiedCount == 1)
            {
                await InsertClaimedAsync([record], cancellationToken);
                return null;
            }
        }

        throw new InvalidOperationException($"The content of submission {record.SubmissionId} kept being claimed under {MaxClaimAttempts} attempts.");
    }

    /// <summary>The earliest stored submission of the content received at or after <paramref name="windowStart"/>.</summary>
    private async Task<SubmissionRecord?> FindFirstAsync(string contentHash, DateTimeOffset windowStart, CancellationToken cancellationToken)
    {
        var document = await submissions
            .Find(Builders<BsonDocument>.Filter.Eq("contentHash", contentHash) & Builders<BsonDocument>.Filter.Gte("receivedAt", windowStart.UtcDateTime))
            .Sort(Builders<BsonDocument>.Sort.Ascending("receivedAt"))
            .Limit(1)
            .FirstOrDefaultAsync(cancellationToken);
        return document is null ? null : MongoSubmissionBson.FromBson(document);
    }

    /// <summary>The contents of these records with a submission stored at or after <paramref name="since"/>.</summary>
    private async Task<HashSet<string>> StoredContentsAsync(IReadOnlyList<SubmissionRecord> records, DateTimeOffset since, CancellationToken cancellationToken)
    {
        var hashes = await submissions
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
            await _claims.InsertManyAsync(records.Select(ClaimOf), new InsertManyOptions { IsOrdered = false }, cancellationToken);
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

    /// <summary>Inserts the submissions of claims just taken; the claims of those that could not be inserted are given up again.</summary>
    private async Task InsertClaimedAsync(IReadOnlyList<SubmissionRecord> records, CancellationToken cancellationToken)
    {
        if (records.Count == 0)
        {
            return;
        }

        try
        {
            await submissions.InsertManyAsync(records.Select(r => MongoSubmissionBson.ToBson(r, version: 1)), new InsertManyOptions { IsOrdered = false }, cancellationToken);
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
        _claims.DeleteManyAsync(
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
}
