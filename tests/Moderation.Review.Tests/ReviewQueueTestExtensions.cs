using Moderation.Review.Domain;
using Moderation.Review.Storage;

namespace Moderation.Review.Tests;

internal static class ReviewQueueTestExtensions
{
    /// <summary>One submission's change, as a consumer of a single event makes it.</summary>
    public static async Task<ReviewItem> UpsertBySubmissionAsync(this IReviewQueue queue, Guid submissionId, Func<ReviewItem, bool> change, DateTimeOffset now, CancellationToken cancellationToken) =>
        Assert.Single(await queue.UpsertManyBySubmissionAsync([new ReviewItemChange(submissionId, change)], now, cancellationToken));
}
