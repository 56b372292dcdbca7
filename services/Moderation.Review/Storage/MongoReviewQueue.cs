using System.Text.Json;
using MongoDB.Bson;
using MongoDB.Driver;
using Moderation.Client;
using Moderation.Contracts;
using Moderation.Review.Domain;
using Moderation.ServiceDefaults;

namespace Moderation.Review.Storage;

/// <summary>
/// The review queue in MongoDB. Claim state sits in top-level fields so that a claim is a single
/// findOneAndUpdate; everything else travels as a JSON document changed by optimistic replaces
/// conditioned on the version read (a claim bumps the version too).
/// </summary>
public sealed class MongoReviewQueue(IMongoDatabase database) : IReviewQueue, IModerationStore
{
    private const int MaxUpdateAttempts = 20;
    private const int DuplicateKeyCode = 11000;
    private static readonly FilterDefinitionBuilder<BsonDocument> Filter = Builders<BsonDocument>.Filter;

    private readonly IMongoCollection<BsonDocument> _items = database.GetCollection<BsonDocument>("review_items");

    public Task InitializeAsync(CancellationToken cancellationToken)
    {
        var keys = Builders<BsonDocument>.IndexKeys;
        return _items.Indexes.CreateManyAsync(
        [
            new CreateIndexModel<BsonDocument>(keys.Ascending("submissionId"), new CreateIndexOptions { Unique = true }),
            new CreateIndexModel<BsonDocument>(keys.Ascending("queued").Ascending("status").Descending("priority").Ascending("createdAt")),
            new CreateIndexModel<BsonDocument>(keys.Ascending("unpublished")),
        ], cancellationToken);
    }

    public async Task<ReviewItem> UpsertBySubmissionAsync(Guid submissionId, Func<ReviewItem, bool> change, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(change);
        var filter = Filter.Eq("submissionId", submissionId.ToString());
        for (var attempt = 0; attempt < MaxUpdateAttempts; attempt++)
        {
            var document = await _items.Find(filter).FirstOrDefaultAsync(cancellationToken);
            if (document is null)
            {
                var item = ReviewItem.New(submissionId, now);
                change(item);
                try
                {
                    await _items.InsertOneAsync(ToDocument(item, 1), cancellationToken: cancellationToken);
                    return item;
                }
                catch (MongoWriteException ex) when (ex.WriteError.Code == DuplicateKeyCode)
                {
                    continue;
                }
            }

            var existing = FromDocument(document);
            if (!change(existing) || await TryReplaceAsync(existing, document["version"].ToInt64(), cancellationToken))
            {
                return existing;
            }
        }

        throw new InvalidOperationException($"The review item of submission {submissionId} kept changing under {MaxUpdateAttempts} attempts.");
    }

    public async Task<ReviewItem?> GetAsync(Guid itemId, CancellationToken cancellationToken)
    {
        var document = await _items.Find(Filter.Eq("_id", itemId.ToString())).FirstOrDefaultAsync(cancellationToken);
        return document is null ? null : FromDocument(document);
    }

    public async Task<ReviewItem?> UpdateAsync(Guid itemId, Func<ReviewItem, bool> change, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(change);
        for (var attempt = 0; attempt < MaxUpdateAttempts; attempt++)
        {
            var document = await _items.Find(Filter.Eq("_id", itemId.ToString())).FirstOrDefaultAsync(cancellationToken);
            if (document is null)
            {
                return null;
            }

            var item = FromDocument(document);
            if (!change(item) || await TryReplaceAsync(item, document["version"].ToInt64(), cancellationToken))
            {
                return item;
            }
        }

        throw new InvalidOperationException($"Review item {itemId} kept changing under {MaxUpdateAttempts} attempts.");
    }

    public async Task<IReadOnlyList<ReviewItem>> ClaimAsync(string moderator, bool includeEscalated, int count, DateTimeOffset now, DateTimeOffset leaseUntil, CancellationToken cancellationToken)
    {
        var filter = Claimable(now.UtcDateTime);
        if (!includeEscalated)
        {
            filter &= Filter.Eq("escalated", false);
        }

        var update = Builders<BsonDocument>.Update
            .Set("status", "claimed")
            .Set("claimedBy", moderator)
            .Set("leaseUntil", leaseUntil.UtcDateTime)
            .Inc("version", 1L);
        var options = new FindOneAndUpdateOptions<BsonDocument>
        {
            Sort = Builders<BsonDocument>.Sort.Descending("priority").Ascending("createdAt"),
            ReturnDocument = ReturnDocument.After,
        };
        var claimed = new List<ReviewItem>();
        for (var i = 0; i < count; i++)
        {
            var document = await _items.FindOneAndUpdateAsync(filter, update, options, cancellationToken);
            if (document is null)
            {
                break;
            }

            claimed.Add(FromDocument(document));
        }

        return claimed;
    }

    public async Task<(IReadOnlyList<ReviewItem> Items, long Total)> ListAsync(ReviewQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var now = query.Now.UtcDateTime;
        var filter = query.Status switch
        {
            ReviewItemStatus.Pending => Claimable(now),
            ReviewItemStatus.Claimed => Filter.Eq("queued", true) & Filter.Eq("status", "claimed") & Filter.Gt("leaseUntil", now),
            ReviewItemStatus.Decided => Filter.Eq("queued", true) & Filter.Eq("status", "decided"),
            _ => Filter.Eq("queued", true),
        };
        if (query.Category is not null)
        {
            filter &= Filter.Eq("topCategory", query.Category);
        }

        var total = await _items.CountDocumentsAsync(filter, cancellationToken: cancellationToken);
        var documents = await _items.Find(filter)
            .Sort(Builders<BsonDocument>.Sort.Descending("priority").Ascending("createdAt"))
            .Skip((query.Page - 1) * query.PageSize)
            .Limit(query.PageSize)
            .ToListAsync(cancellationToken);
        return (documents.Select(FromDocument).ToList(), total);
    }

    public async Task<IReadOnlyList<PendingEvent>> ListPendingAsync(DateTimeOffset storedBefore, int limit, CancellationToken cancellationToken)
    {
        var documents = await _items.Find(Filter.Eq("unpublished", true)).Limit(limit).ToListAsync(cancellationToken);
        return ReviewRules.PendingDecisions(documents.Select(FromDocument), storedBefore, limit);
    }

    public async Task MarkPublishedAsync(string key, DateTimeOffset publishedAt, CancellationToken cancellationToken)
    {
        var (itemId, decisionId) = DecisionKey.Parse(key);
        await UpdateAsync(itemId, item => ReviewRules.MarkPublished(item, decisionId, publishedAt), cancellationToken);
    }

    private static FilterDefinition<BsonDocument> Claimable(DateTime now) =>
        Filter.Eq("queued", true) &
        (Filter.Eq("status", "pending") | (Filter.Eq("status", "claimed") & Filter.Lte("leaseUntil", now)));

    private async Task<bool> TryReplaceAsync(ReviewItem item, long version, CancellationToken cancellationToken)
    {
        var result = await _items.ReplaceOneAsync(
            Filter.Eq("_id", item.ItemId.ToString()) & Filter.Eq("version", version),
            ToDocument(item, version + 1),
            cancellationToken: cancellationToken);
        return result.ModifiedCount == 1;
    }

    private static BsonDocument ToDocument(ReviewItem item, long version) => new()
    {
        { "_id", item.ItemId.ToString() },
        { "submissionId", item.SubmissionId.ToString() },
        { "queued", item.IsQueued },
        { "status", item.Status.ToString().ToLowerInvariant() },
        { "escalated", item.Escalated },
        { "topCategory", item.TopCategory },
        { "priority", item.Priority },
        { "claimedBy", item.ClaimedBy is null ? BsonNull.Value : item.ClaimedBy },
        { "leaseUntil", item.LeaseUntil is { } lease ? lease.UtcDateTime : BsonNull.Value },
        { "createdAt", item.CreatedAt.UtcDateTime },
        { "unpublished", item.HasUnpublishedDecisions },
        { "version", version },
        { "document", JsonSerializer.Serialize(item, ModerationJson.Options) },
    };

    private static ReviewItem FromDocument(BsonDocument document)
    {
        var item = JsonSerializer.Deserialize<ReviewItem>(document["document"].AsString, ModerationJson.Options)!;
        item.Status = Enum.Parse<ReviewItemStatus>(document["status"].AsString, ignoreCase: true);
        item.ClaimedBy = document["claimedBy"].IsBsonNull ? null : document["claimedBy"].AsString;
        item.LeaseUntil = document["leaseUntil"].IsBsonNull ? null : new DateTimeOffset(document["leaseUntil"].ToUniversalTime(), TimeSpan.Zero);
        return item;
    }
}
