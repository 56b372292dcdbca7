using Moderation.Ingestion.Domain;
using MongoDB.Bson;

namespace Moderation.Ingestion.Storage;

/// <summary>
/// A submission as a MongoDB document: the <see cref="SubmissionDocument"/> as a JSON string, the
/// fields queried on beside it, and <c>version</c>, the counter its optimistic updates are conditioned on.
/// </summary>
internal static class MongoSubmissionBson
{
    public static BsonDocument ToBson(SubmissionRecord record, long version) => new()
    {
        { "_id", record.SubmissionId.ToString() },
        { "kind", record.Kind.ToString() },
        { "articleId", record.ArticleId.ToString() },
        { "commentId", record.CommentId is { } commentId ? commentId.ToString() : BsonNull.Value },
        { "receivedAt", record.ReceivedAt.UtcDateTime },
        { "publishedAt", record.PublishedAt is { } publishedAt ? publishedAt.UtcDateTime : BsonNull.Value },
        { "contentHash", record.ContentHash },
        { "version", version },
        { "document", SubmissionDocument.Serialize(record) },
    };

    public static SubmissionRecord FromBson(BsonDocument document) => SubmissionDocument.Deserialize(document["document"].AsString);

    public static long VersionOf(BsonDocument document) => document["version"].ToInt64();
}
