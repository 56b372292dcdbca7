using MongoDB.Bson;
using MongoDB.Driver;

namespace Moderation.Classification.Storage;

/// <summary>Inserts of many documents keyed by <c>_id</c> in one bulk operation, where a document already stored is kept, not an error.</summary>
internal static class MongoInserts
{
    private const int DuplicateKeyCode = 11000;

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
