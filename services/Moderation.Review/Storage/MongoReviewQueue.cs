using Moderation.Messaging;
using Moderation.Review.Domain;
using Moderation.Review.Domain.Queue;
using Moderation.Review.Storage.Documents;
using Moderation.Storage;
using MongoDB.Bson;
using MongoDB.Driver;

namespace Moderation.Review.Storage;

/// <summary>
/// The review queue in MongoDB. Claim state sits in top-level fields so that claiming an item is a
/// single findOneAndUpdate; everything else travels as a JSON document changed by optimistic replaces
/// conditioned on the version read (a claim bumps the version too). A moderator's cap on live leases
/// is kept by a guard document per moderator (see <see cref="ClaimAsync"/>).
/// </summary>
public sealed class MongoReviewQueue(IMongoDatabase database) : IReviewQueue, IModerationStore
{
    private const int MaxUpdateAttempts = 20;
    private const int DuplicateKeyCode = 11000;
    private static readonly FilterDefinitionBuilder<BsonDocument> Filter = Builders<BsonDocument>.Filter;

    private readonly IMongoCollection<BsonDocument> _items = database.GetCollection<BsonDocument>("review_items");
    private readonly IMongoCollection<BsonDocument> _claimGuards = database.GetCollection<BsonDocument>("review_claim_guards");

    public Task InitializeAsync(CancellationToken cancellationToken)
    {
        var keys = Builders<BsonDocument>.IndexKeys;
        return _items.Indexes.CreateManyAsync(
        [
            new CreateIndexModel<BsonDocument>(keys.Ascending("submissionId"), new CreateIndexOptions { Unique = true }),
            new CreateIndexModel<BsonDocument>(keys.Ascending("queued").Ascending("status").Descending("priority").Ascending("dueAt")),
            new CreateIndexModel<BsonDocument>(keys.Ascending("claimedBy").Ascending("status")),
            new CreateIndexModel<BsonDocument>(keys.Ascending("commentId"),
                new CreateIndexOptions<BsonDocument> { Unique = true, PartialFilterExpression = Filter.Type("commentId", BsonType.String) }),
            new CreateIndexModel<BsonDocument>(keys.Ascending("unpublished")),
        ], cancellationToken);
    }

    public async Task<IReadOnlyList<ReviewItem>> UpsertManyBySubmissionAsync(IReadOnlyList<ReviewItemChange> changes, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(changes);
        var submissionIds = changes.Select(c => c.SubmissionId.ToString()).Distinct().ToList();
        var stored = (await _items.Find(Filter.In("submissionId", submissionIds)).ToListAsync(cancellationToken))
            .ToDictionary(d => Guid.Parse(d["submissionId"].AsString));
        var items = new ReviewItem[changes.Count];

        // Each submission's item is its own document: they are upserted side by side, not one round
        // trip after another (a write group brings many callers' changes here at once).
        await Task.WhenAll(changes.Select((change, index) => (change, index)).GroupBy(c => c.change.SubmissionId).Select(async submission =>
        {
            // Every change of a submission named more than once runs, in order, on the same copy.
            var item = await UpsertAsync(
                submission.Key,
                current => submission.Aggregate(false, (changed, c) => c.change.Change(current) | changed),
                now,
                stored.GetValueOrDefault(submission.Key),
                cancellationToken);
            foreach (var (_, index) in submission)
            {
                items[index] = item;
            }
        }));

        return items;
    }

    public Task<ReviewItem?> GetAsync(Guid itemId, CancellationToken cancellationToken) =>
        FindOneAsync(Filter.Eq("_id", itemId.ToString()), cancellationToken);

    public Task<ReviewItem?> GetBySubmissionAsync(Guid submissionId, CancellationToken cancellationToken) =>
        FindOneAsync(Filter.Eq("submissionId", submissionId.ToString()), cancellationToken);

    public Task<ReviewItem?> GetByCommentAsync(Guid commentId, CancellationToken cancellationToken) =>
        FindOneAsync(Filter.Eq("commentId", commentId.ToString()), cancellationToken);

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

    /// <summary>
    /// Counting a moderator's live leases and claiming items are separate commands, so a moderator's
    /// simultaneous claims (two tabs, a retried request) could each count the same leases and together
    /// take more than <see cref="ClaimRules.MaxHeld"/>. So a claim reads the version of the moderator's
    /// guard document before it counts, and keeps what it took only if it can move the guard on from
    /// that version: when another of the moderator's claims finished in between, it gives its items
    /// back and counts again. A claim that keeps its items has counted every item kept before it.
    /// </summary>
    public async Task<IReadOnlyList<ReviewItem>> ClaimAsync(ClaimSpec claim, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(claim);
        for (var attempt = 0; attempt < MaxUpdateAttempts; attempt++)
        {
            var guard = await ReadClaimGuardAsync(claim.Moderator, cancellationToken);
            if (guard is null)
            {
                continue;
            }

            var held = await _items.CountDocumentsAsync(MongoQueueFilters.Where(claim.Held), cancellationToken: cancellationToken);
            var take = claim.Rules.Take(claim.Count, held);
            var claimed = await ClaimItemsAsync(claim, take, cancellationToken);
            if (claimed.Count == 0)
            {
                return claimed;
            }

            var moved = await _claimGuards.UpdateOneAsync(
                Filter.Eq("_id", claim.Moderator) & Filter.Eq("version", guard.Value),
                Builders<BsonDocument>.Update.Inc("version", 1L),
                cancellationToken: cancellationToken);
            if (moved.ModifiedCount == 1)
            {
                return claimed;
            }

            await GiveBackAsync(claimed, claim, CancellationToken.None);
        }

        throw new InvalidOperationException($"The claims of {claim.Moderator} kept crossing each other under {MaxUpdateAttempts} attempts.");
    }

    /// <summary>The version of the moderator's claim guard, created at 0 when missing; null when two creations met.</summary>
    private async Task<long?> ReadClaimGuardAsync(string moderator, CancellationToken cancellationToken)
    {
        try
        {
            var guard = await _claimGuards.FindOneAndUpdateAsync(
                Filter.Eq("_id", moderator),
                Builders<BsonDocument>.Update.SetOnInsert("version", 0L),
                new FindOneAndUpdateOptions<BsonDocument> { IsUpsert = true, ReturnDocument = ReturnDocument.After },
                cancellationToken);
            return guard["version"].ToInt64();
        }
        catch (MongoCommandException ex) when (ex.Code == DuplicateKeyCode)
        {
            return null;
        }
    }

    private async Task<List<ReviewItem>> ClaimItemsAsync(ClaimSpec claim, int take, CancellationToken cancellationToken)
    {
        var claimable = MongoQueueFilters.Where(claim.Claimable);
        var due = MongoQueueFilters.Where(ReviewQueueOrder.Due(claim.Now));
        var update = Builders<BsonDocument>.Update
            .Set("status", StoredState.Name(ReviewItemState.Claimed))
            .Set("claimedBy", claim.Moderator)
            .Set("leaseUntil", claim.LeaseUntil.UtcDateTime)
            .Inc("version", 1L);
        var options = new FindOneAndUpdateOptions<BsonDocument> { Sort = MongoQueueFilters.ThenBy, ReturnDocument = ReturnDocument.After };
        var claimed = new List<ReviewItem>();
        for (var i = 0; i < take; i++)
        {
            // A find-and-modify sorts by stored fields only: the items the leading key puts first are taken in a pass of their own.
            var document = await _items.FindOneAndUpdateAsync(claimable & due, update, options, cancellationToken)
                ?? await _items.FindOneAndUpdateAsync(claimable, update, options, cancellationToken);
            if (document is null)
            {
                break;
            }

            claimed.Add(FromDocument(document));
        }

        return claimed;
    }

    /// <summary>Returns items this claim took (and nobody changed since) to the queue.</summary>
    private Task GiveBackAsync(List<ReviewItem> claimed, ClaimSpec claim, CancellationToken cancellationToken) =>
        _items.UpdateManyAsync(
            Filter.In("_id", claimed.Select(i => i.ItemId.ToString())) & Filter.Eq("status", StoredState.Name(ReviewItemState.Claimed)) &
            Filter.Eq("claimedBy", claim.Moderator) & Filter.Eq("leaseUntil", claim.LeaseUntil.UtcDateTime),
            Builders<BsonDocument>.Update
                .Set("status", StoredState.Name(ReviewItemState.Pending))
                .Set("claimedBy", BsonNull.Value)
                .Set("leaseUntil", BsonNull.Value)
                .Inc("version", 1L),
            cancellationToken: cancellationToken);

    public async Task<ReviewQueuePage> ListAsync(ReviewQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var filter = MongoQueueFilters.Where(query.Condition());
        var total = await _items.CountDocumentsAsync(filter, cancellationToken: cancellationToken);
        var pastSla = await _items.CountDocumentsAsync(filter & MongoQueueFilters.Where(ReviewQueueOrder.PastSla(query.Now)), cancellationToken: cancellationToken);
        var documents = await _items.Aggregate()
            .Match(filter)
            .AppendStage<BsonDocument>(new BsonDocument("$addFields", new BsonDocument(MongoQueueFilters.DueField, MongoQueueFilters.DueExpression(query.Now))))
            .Sort(MongoQueueFilters.OrderBy)
            .Skip((query.Page - 1) * query.PageSize)
            .Limit(query.PageSize)
            .ToListAsync(cancellationToken);
        return new ReviewQueuePage(documents.Select(FromDocument).ToList(), total, pastSla);
    }

    public async Task<IReadOnlyList<PendingEvent>> ListPendingAsync(DateTimeOffset storedBefore, int limit, CancellationToken cancellationToken)
    {
        var documents = await _items.Find(Filter.Eq("unpublished", true)).Limit(limit).ToListAsync(cancellationToken);
        return ReviewRules.PendingDecisions(documents.Select(FromDocument), storedBefore, limit);
    }

    public async Task MarkPublishedAsync(IReadOnlyCollection<string> keys, DateTimeOffset publishedAt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(keys);
        var events = keys.Select(DecisionKey.Parse).ToList();
        var documents = await _items.Find(Filter.In("_id", events.Select(e => e.ItemId.ToString()).Distinct())).ToListAsync(cancellationToken);
        var replaces = new List<WriteModel<BsonDocument>>();
        foreach (var document in documents)
        {
            var item = FromDocument(document);
            var marked = events.Where(e => e.ItemId == item.ItemId)
                .Aggregate(false, (changed, e) => ReviewRules.MarkPublished(item, e.EventId, publishedAt) | changed);
            if (marked)
            {
                var version = document["version"].ToInt64();
                replaces.Add(new ReplaceOneModel<BsonDocument>(VersionFilter(item.ItemId, version), ToDocument(item, version + 1)));
            }
        }

        if (replaces.Count == 0)
        {
            return;
        }

        var result = await _items.BulkWriteAsync(replaces, new BulkWriteOptions { IsOrdered = false }, cancellationToken);
        if (result.MatchedCount < replaces.Count)
        {
            // Some items changed between the read and the write (a claim, a moderator's decision); their
            // replaces matched nothing. Marking again on fresh copies finds the marks that did land and leaves them.
            foreach (var (itemId, eventId) in events)
            {
                await UpdateAsync(itemId, item => ReviewRules.MarkPublished(item, eventId, publishedAt), cancellationToken);
            }
        }
    }

    /// <summary>
    /// Changes the item of a submission by an optimistic replace, creating it when it does not exist;
    /// the first attempt works on <paramref name="firstRead"/> (null: there was no item), later ones on a fresh read.
    /// </summary>
    private async Task<ReviewItem> UpsertAsync(Guid submissionId, Func<ReviewItem, bool> change, DateTimeOffset now, BsonDocument? firstRead, CancellationToken cancellationToken)
    {
        var filter = Filter.Eq("submissionId", submissionId.ToString());
        var document = firstRead;
        for (var attempt = 0; attempt < MaxUpdateAttempts; attempt++)
        {
            if (attempt > 0)
            {
                document = await _items.Find(filter).FirstOrDefaultAsync(cancellationToken);
            }

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

    private static FilterDefinition<BsonDocument> VersionFilter(Guid itemId, long version) =>
        Filter.Eq("_id", itemId.ToString()) & Filter.Eq("version", version);

    private async Task<ReviewItem?> FindOneAsync(FilterDefinition<BsonDocument> filter, CancellationToken cancellationToken)
    {
        var document = await _items.Find(filter).FirstOrDefaultAsync(cancellationToken);
        return document is null ? null : FromDocument(document);
    }

    private async Task<bool> TryReplaceAsync(ReviewItem item, long version, CancellationToken cancellationToken)
    {
        var result = await _items.ReplaceOneAsync(
            VersionFilter(item.ItemId, version),
            ToDocument(item, version + 1),
            cancellationToken: cancellationToken);
        return result.ModifiedCount == 1;
    }

    private static BsonDocument ToDocument(ReviewItem item, long version) => new()
    {
        { "_id", item.ItemId.ToString() },
        { "submissionId", item.SubmissionId.ToString() },
        { "queued", item.IsQueued },
        { "status", StoredState.Name(item.State) },
        { "escalated", item.Escalated },
        { "topCategory", item.TopCategory },
        { "priority", item.Priority },
        { "claimedBy", item.ClaimedBy is null ? BsonNull.Value : item.ClaimedBy },
        { "leaseUntil", item.LeaseUntil is { } lease ? lease.UtcDateTime : BsonNull.Value },
        { "createdAt", item.CreatedAt.UtcDateTime },
        { "commentId", item.CommentId is { } commentId ? commentId.ToString() : BsonNull.Value },
        { "dueAt", item.DueAt is { } due ? due.UtcDateTime : BsonNull.Value },
        { "excludedModerators", new BsonArray(item.ExcludedModerators) },
        { "unpublished", item.HasUnpublishedEvents },
        { "version", version },
        { "document", ReviewItemDocument.Write(item) },
    };

    private static ReviewItem FromDocument(BsonDocument document) => ReviewItemDocument.Read(
        document["document"].AsString,
        StoredState.Parse(document["status"].AsString),
        document["claimedBy"].IsBsonNull ? null : document["claimedBy"].AsString,
        document["leaseUntil"].IsBsonNull ? null : new DateTimeOffset(document["leaseUntil"].ToUniversalTime(), TimeSpan.Zero));
}
