using Moderation.Review.Domain;
using Moderation.Review.Domain.Queue;
using MongoDB.Bson;
using MongoDB.Driver;

namespace Moderation.Review.Storage;

/// <summary>The queue's conditions and order (<see cref="ClaimRules"/>, <see cref="ReviewQueueOrder"/>) as MongoDB filters and sorts over review_items.</summary>
internal static class MongoQueueFilters
{
    /// <summary>The field an aggregation adds for <see cref="ReviewQueueOrder.Due"/>: a find's sort reads stored fields only.</summary>
    public const string DueField = "due";

    private static readonly FilterDefinitionBuilder<BsonDocument> Filter = Builders<BsonDocument>.Filter;

    public static FilterDefinition<BsonDocument> Where(QueueCondition condition) => condition switch
    {
        QueueCondition.AllOf all => Filter.And(all.Conditions.Select(Where)),
        QueueCondition.AnyOf any => Filter.Or(any.Conditions.Select(Where)),
        QueueCondition.Equal equal => Filter.Eq(Field(equal.Field), Value(equal.Value)),
        QueueCondition.NotEqual notEqual => Filter.Ne(Field(notEqual.Field), Value(notEqual.Value)),
        QueueCondition.AtOrBefore atOrBefore => Filter.Lte(Field(atOrBefore.Field), Value(atOrBefore.Moment)),
        QueueCondition.After after => Filter.Gt(Field(after.Field), Value(after.Moment)),
        // On an array field, $ne matches the documents whose array does not hold the value.
        QueueCondition.Lacks lacks => Filter.Ne(Field(lacks.Field), Value(lacks.Value)),
        _ => throw new ArgumentOutOfRangeException(nameof(condition), condition, null),
    };

    /// <summary>The stored keys after the leading one, for a find's sort.</summary>
    public static SortDefinition<BsonDocument> ThenBy { get; } = Builders<BsonDocument>.Sort.Combine(ReviewQueueOrder.ThenBy.Select(k =>
        k.Descending ? Builders<BsonDocument>.Sort.Descending(Field(k.Field)) : Builders<BsonDocument>.Sort.Ascending(Field(k.Field))));

    /// <summary>The whole order for an aggregation that added <see cref="DueField"/> with <see cref="DueExpression"/>.</summary>
    public static BsonDocument OrderBy { get; } = new(ReviewQueueOrder.ThenBy
        .Select(k => new BsonElement(Field(k.Field), k.Descending ? -1 : 1))
        .Prepend(new BsonElement(DueField, -1)));

    /// <summary>The leading key as an aggregation expression; there a missing or null moment sorts below any date, so "&gt; null" means "has one".</summary>
    public static BsonDocument DueExpression(DateTimeOffset now)
    {
        var due = ReviewQueueOrder.Due(now);
        var field = "$" + Field(due.Field);
        return new BsonDocument("$and", new BsonArray
        {
            new BsonDocument("$gt", new BsonArray { field, BsonNull.Value }),
            new BsonDocument("$lte", new BsonArray { field, Value(due.Moment) }),
        });
    }

    /// <summary>A value as its field holds it.</summary>
    public static BsonValue Value(object value) => value switch
    {
        ReviewItemState state => StoredState.Name(state),
        DateTimeOffset moment => moment.UtcDateTime,
        _ => BsonValue.Create(value),
    };

    public static string Field(QueueField field) => field switch
    {
        QueueField.Queued => "queued",
        QueueField.State => "status",
        QueueField.Escalated => "escalated",
        QueueField.ClaimedBy => "claimedBy",
        QueueField.LeaseUntil => "leaseUntil",
        QueueField.ExcludedModerators => "excludedModerators",
        QueueField.TopCategory => "topCategory",
        QueueField.Priority => "priority",
        QueueField.DueAt => "dueAt",
        QueueField.CreatedAt => "createdAt",
        _ => throw new ArgumentOutOfRangeException(nameof(field), field, null),
    };
}
