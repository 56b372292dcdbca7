using Moderation.Client;
using Moderation.Review.Domain;
using Moderation.ServiceDefaults;

namespace Moderation.Review.Storage;

public sealed record ReviewQuery(ReviewItemStatus? Status, string? Category, int Page, int PageSize, DateTimeOffset Now);

/// <summary>Review's storage port: the queue, its leased claims, and the decisions waiting to be published.</summary>
public interface IReviewQueue : IPendingEventSource
{
    /// <summary>Changes the item of a submission atomically, creating it first when it does not exist yet.</summary>
    Task<ReviewItem> UpsertBySubmissionAsync(Guid submissionId, Func<ReviewItem, bool> change, DateTimeOffset now, CancellationToken cancellationToken);

    Task<ReviewItem?> GetAsync(Guid itemId, CancellationToken cancellationToken);

    /// <summary>
    /// Changes an item atomically; <paramref name="change"/> returns false to leave it as it is.
    /// Returns the item as it is afterwards, or null when there is no such item.
    /// </summary>
    Task<ReviewItem?> UpdateAsync(Guid itemId, Func<ReviewItem, bool> change, CancellationToken cancellationToken);

    /// <summary>
    /// Leases up to <paramref name="count"/> queued items, highest priority first, to one moderator.
    /// Pending items and items whose lease ran out are claimable; no item is ever leased to two.
    /// </summary>
    Task<IReadOnlyList<ReviewItem>> ClaimAsync(string moderator, bool includeEscalated, int count, DateTimeOffset now, DateTimeOffset leaseUntil, CancellationToken cancellationToken);

    Task<(IReadOnlyList<ReviewItem> Items, long Total)> ListAsync(ReviewQuery query, CancellationToken cancellationToken);
}

/// <summary>How the outbox names one stored decision.</summary>
public static class DecisionKey
{
    public static string Of(Guid itemId, Guid decisionId) => $"{itemId}/{decisionId}";

    public static (Guid ItemId, Guid DecisionId) Parse(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        var parts = key.Split('/');
        return (Guid.Parse(parts[0]), Guid.Parse(parts[1]));
    }
}
