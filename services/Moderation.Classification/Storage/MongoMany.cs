using MongoDB.Bson;
using MongoDB.Driver;

namespace Moderation.Classification.Storage;

/// <summary>
/// Many documents keyed by <c>_id</c> at once: read in one query, inserted in one bulk operation
/// where a document already stored is kept, not an error.
/// </summary>
internal static class MongoMany
{
    private const int DuplicateKeyCode = 11000;

    /// <summary>The documents of those of <paramref name="ids"/> that are stored, in no particular order.</summary>
    public static async Task<List<BsonDocument>> FindByIdsAsync(
        this IMongoCollection<BsonDocument> collection, IReadOnlyCollection<Guid> ids, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ids);
        return ids.Count == 0
            ? []
            : await collection.Find(Builders<BsonDocument>.Filter.In("_id", ids.Select(id => id.ToString()).Distinct())).ToListAsync(cancellationToken);
    }

    /// <summary>
    /// Inserts the documents unordered, so one already stored does not stop the others; returns the
    /// positions of those refused because their <c>_id</c> is stored. Give each <c>_id</c> once: which
    /// of two documents with one <c>_id</c> an unordered insert keeps is not defined.
    /// </summary>
    public static async Task<IReadOnlySet<int>> InsertUnlessStoredAsync(
        this IMongoCollection<BsonDocument> collection, IReadOnlyList<BsonDocument> documents, CancellationToken cancellationToken)
    {
        if (documents.Count == 0)
        {
            return new HashSet<int>();
        }

        try
        {
            await collection.InsertManyAsync(documents, new InsertManyOptions { IsOrdered = false }, cancellationToken);
            return new HashSet<int>();
        }
        catch (MongoBulkWriteException<BsonDocument> ex) when (ex.WriteConcernError is null && ex.WriteErrors.All(e => e.Code == DuplicateKeyCode))
        {
            return ex.WriteErrors.Select(e => e.Index).ToHashSet();
        }
    }
}
