using System.Runtime.CompilerServices;
using MongoDB.Bson;
using MongoDB.Driver;
using Moderation.Audit.Domain;
using Moderation.ServiceDefaults;

namespace Moderation.Audit.Storage;

/// <summary>
/// The audit log in MongoDB. The next link is taken optimistically: read the last entry, insert
/// the next sequence number; the unique index on the sequence lets exactly one of two racing
/// writers win, and the loser reads the new last entry and tries again.
/// </summary>
public sealed class MongoAuditLog(IMongoDatabase database) : IAuditLog, IModerationStore
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
        for (var attempt = 0; attempt < MaxAppendAttempts; attempt++)
        {
            var logged = await _entries.Find(Filter.Eq("eventKey", draft.EventKey)).FirstOrDefaultAsync(cancellationToken);
            if (logged is not null)
            {
                return FromDocument(logged);
            }

            var last = await _entries.Find(Filter.Empty).Sort(Builders<BsonDocument>.Sort.Descending("_id")).Limit(1).FirstOrDefaultAsync(cancellationToken);
            var entry = AuditEntry.Chain(draft, last is null ? 1 : last["_id"].ToInt64() + 1, last is null ? AuditEntry.GenesisHash : last["hash"].AsString);
            try
            {
                await _entries.InsertOneAsync(ToDocument(entry), cancellationToken: cancellationToken);
                return entry;
            }
            catch (MongoWriteException ex) when (ex.WriteError.Code == DuplicateKeyCode)
            {
                // Another writer took this sequence number, or logged this very event: look again.
            }
        }

        throw new InvalidOperationException($"Could not append {draft.EventKey} to the audit log in {MaxAppendAttempts} attempts.");
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
        };
    }

    private static AuditEntry FromDocument(BsonDocument document) => new(
        document["_id"].ToInt64(),
        document["eventKey"].AsString,
        document["eventType"].AsString,
        Guid.Parse(document["submissionId"].AsString),
        document["actor"].AsString,
        DateTimeOffset.FromUnixTimeMilliseconds(document["occurredAt"].ToInt64()),
        document["data"].AsBsonDocument.ToDictionary(e => e.Name, e => e.Value.IsBsonNull ? null : e.Value.AsString),
        document["previousHash"].AsString,
        document["hash"].AsString);
}
