using System.Runtime.CompilerServices;
using Moderation.Audit.Domain;
using Moderation.Audit.Domain.Chain;
using Moderation.Storage;
using MongoDB.Bson;
using MongoDB.Driver;

namespace Moderation.Audit.Storage;

/// <summary>
/// The audit log in MongoDB. The next link is taken optimistically: read the last entry, insert
/// the next sequence number; the unique index on the sequence lets exactly one of two racing
/// writers win, and the loser reads the new last entry and tries again.
/// </summary>
public sealed class MongoAuditLog(IMongoDatabase database, ChainKeyRing chainKeys) : IAuditLog, IModerationStore
{
    private const int DuplicateKeyCode = 11000;
    private const int MaxAppendAttempts = 100;
    private static readonly FilterDefinitionBuilder<BsonDocument> Filter = Builders<BsonDocument>.Filter;

    private readonly IMongoCollection<BsonDocument> _entries = database.GetCollection<BsonDocument>("audit_entries");

    public Task InitializeAsync(CancellationToken cancellationToken)
    {
        var keys = Builders<BsonDocument>.IndexKeys;
        return _entries.Indexes.CreateManyAsync(
        [
            new CreateIndexModel<BsonDocument>(keys.Ascending("eventKey"), new CreateIndexOptions { Unique = true }),
            new CreateIndexModel<BsonDocument>(keys.Ascending("submissionId").Ascending("_id")),
        ], cancellationToken);
    }

    public async Task<AuditEntry> AppendAsync(AuditDraft draft, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(draft);
        return (await AppendManyAsync([draft], cancellationToken))[0];
    }

    /// <summary>
    /// The drafts not yet logged go in as one ordered insert of consecutive sequence numbers after
    /// the last entry read. An ordered insert stops at the first entry it cannot write (a number
    /// another writer took, an event another writer logged), so what it wrote extends the chain
    /// without a gap; the next attempt finds those entries logged and chains the rest after the new
    /// last entry. A process killed halfway leaves a valid chain, and the redelivered message adds
    /// the entries still missing.
    /// </summary>
    public async Task<IReadOnlyList<AuditEntry>> AppendManyAsync(IReadOnlyList<AuditDraft> drafts, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(drafts);
        foreach (var draft in drafts)
        {
            ArgumentNullException.ThrowIfNull(draft);
        }

        if (drafts.Count == 0)
        {
            return [];
        }

        var keys = drafts.Select(d => d.EventKey).Distinct(StringComparer.Ordinal).ToList();
        for (var attempt = 0; attempt < MaxAppendAttempts; attempt++)
        {
            var logged = (await _entries.Find(Filter.In("eventKey", keys)).ToListAsync(cancellationToken))
                .Select(FromDocument)
                .ToDictionary(e => e.EventKey, StringComparer.Ordinal);
            var missing = drafts.Where(d => !logged.ContainsKey(d.EventKey)).DistinctBy(d => d.EventKey, StringComparer.Ordinal).ToList();
            if (missing.Count == 0)
            {
                return [.. drafts.Select(d => logged[d.EventKey])];
            }

            var last = await LastAsync(cancellationToken);
            var sequence = last?.Sequence ?? 0;
            var previousHash = last?.Hash ?? AuditEntry.GenesisHash;
            var chained = new List<AuditEntry>(missing.Count);
            foreach (var draft in missing)
            {
                var entry = AuditEntry.Chain(draft, ++sequence, previousHash, chainKeys.Active);
                previousHash = entry.Hash;
                chained.Add(entry);
            }

            try
            {
                await _entries.InsertManyAsync(chained.Select(ToDocument), new InsertManyOptions { IsOrdered = true }, cancellationToken);
                foreach (var entry in chained)
                {
                    logged[entry.EventKey] = entry;
                }

                return [.. drafts.Select(d => logged[d.EventKey])];
            }
            catch (MongoBulkWriteException ex) when (ex.WriteConcernError is null && ex.WriteErrors.All(e => e.Code == DuplicateKeyCode))
            {
                // Another writer took a sequence number, or logged one of these events: look again.
            }
        }

        throw new InvalidOperationException($"Could not append {keys.Count} event(s), {keys[0]} first, to the audit log in {MaxAppendAttempts} attempts.");
    }

    public async Task<AuditEntry?> LastAsync(CancellationToken cancellationToken)
    {
        var last = await _entries.Find(Filter.Empty).Sort(Builders<BsonDocument>.Sort.Descending("_id")).Limit(1).FirstOrDefaultAsync(cancellationToken);
        return last is null ? null : FromDocument(last);
    }

    public async Task<IReadOnlyList<AuditEntry>> ListAsync(Guid? submissionId, long after, int limit, CancellationToken cancellationToken)
    {
        var filter = Filter.Gt("_id", after);
        if (submissionId is { } id)
        {
            filter &= Filter.Eq("submissionId", id.ToString());
        }

        var documents = await _entries.Find(filter).Sort(Builders<BsonDocument>.Sort.Ascending("_id")).Limit(limit).ToListAsync(cancellationToken);
        return documents.Select(FromDocument).ToList();
    }

    public async IAsyncEnumerable<AuditEntry> ReadAllAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var cursor = await _entries.Find(Filter.Empty).Sort(Builders<BsonDocument>.Sort.Ascending("_id")).ToCursorAsync(cancellationToken);
        while (await cursor.MoveNextAsync(cancellationToken))
        {
            foreach (var document in cursor.Current)
            {
                yield return FromDocument(document);
            }
        }
    }

    private static BsonDocument ToDocument(AuditEntry entry)
    {
        var data = new BsonDocument();
        foreach (var (key, value) in entry.Data)
        {
            data.Add(key, value is null ? BsonNull.Value : value);
        }

        return new BsonDocument
        {
            { "_id", entry.Sequence },
            { "eventKey", entry.EventKey },
            { "eventType", entry.EventType },
            { "submissionId", entry.SubmissionId.ToString() },
            { "actor", entry.Actor },
            { "occurredAt", entry.OccurredAt.ToUnixTimeMilliseconds() },
            { "data", data },
            { "previousHash", entry.PreviousHash },
            { "hash", entry.Hash },
            { "schemaVersion", AuditEntrySchema.CurrentVersion },
            { "keyId", entry.KeyId is null ? BsonNull.Value : entry.KeyId },
        };
    }

    /// <summary>A document without a schema version was written before versions were kept: the unkeyed schema.</summary>
    private static AuditEntry FromDocument(BsonDocument document)
    {
        AuditEntrySchema.Checked(document.GetValue("schemaVersion", AuditEntrySchema.UnkeyedVersion).ToInt32(), document["_id"].ToInt64());
        return new(
            document["_id"].ToInt64(),
            document["eventKey"].AsString,
            document["eventType"].AsString,
            Guid.Parse(document["submissionId"].AsString),
            document["actor"].AsString,
            DateTimeOffset.FromUnixTimeMilliseconds(document["occurredAt"].ToInt64()),
            document["data"].AsBsonDocument.ToDictionary(e => e.Name, e => e.Value.IsBsonNull ? null : e.Value.AsString),
            document["previousHash"].AsString,
            document["hash"].AsString,
            document.GetValue("keyId", BsonNull.Value) is { IsBsonNull: false } keyId ? keyId.AsString : null);
    }
}
