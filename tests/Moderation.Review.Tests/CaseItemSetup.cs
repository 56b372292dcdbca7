using Moderation.Contracts;
using Moderation.Review.Domain;
using Moderation.Review.Domain.Queue;
using Moderation.Review.Storage;

namespace Moderation.Review.Tests;

/// <summary>Puts the items of a case of <see cref="QueueRuleCases"/> into a queue through its port, as the consumers and endpoints would.</summary>
internal static class CaseItemSetup
{
    /// <summary>The id of each item, by its name in the case.</summary>
    public static async Task<IReadOnlyDictionary<string, Guid>> EnqueueAsync(IReviewQueue queue, IReadOnlyList<CaseItem> items)
    {
        var now = ReviewSamples.Now;
        var ids = new Dictionary<string, Guid>();
        foreach (var setup in items)
        {
            var submissionId = Guid.NewGuid();
            await queue.UpsertBySubmissionAsync(submissionId, item =>
            {
                ReviewRules.ApplyContent(item, ContentKind.Comment, "Article", setup.Name);
                return true;
            }, now + setup.CreatedAt, CancellationToken.None);
            var item = await queue.UpsertBySubmissionAsync(submissionId, item =>
            {
                ReviewRules.ApplyClassification(item, ReviewSamples.Classified(submissionId, Verdict.Review, setup.Score, at: now + setup.ClassifiedAt));
                return true;
            }, now, CancellationToken.None);
            if (setup.Escalated)
            {
                await ChangeAsync(queue, item.ItemId, i => ReviewRules.Decide(i, ReviewSamples.Decision(submissionId, "escalator", DecisionOutcome.Escalate), false, now));
            }

            if (setup.RemovedBy is { } remover)
            {
                await ChangeAsync(queue, item.ItemId, i => ReviewRules.Decide(i, ReviewSamples.Decision(submissionId, remover, DecisionOutcome.Remove), setup.Escalated, now));
                await ChangeAsync(queue, item.ItemId, i => ReviewRules.Appeal(i, Guid.NewGuid(), "it was satire", "platform", QueuePriority.Default, now));
            }

            if (setup.HeldBy is { } holder)
            {
                await queue.UpdateAsync(item.ItemId, i =>
                {
                    i.State = ReviewItemState.Claimed;
                    i.ClaimedBy = holder;
                    i.LeaseUntil = now + setup.LeaseEndsAt;
                    return true;
                }, CancellationToken.None);
            }

            ids.Add(setup.Name, item.ItemId);
        }

        return ids;
    }

    private static async Task ChangeAsync(IReviewQueue queue, Guid itemId, Func<ReviewItem, ReviewRefusal> change)
    {
        var refusal = ReviewRefusal.None;
        await queue.UpdateAsync(itemId, i => (refusal = change(i)) == ReviewRefusal.None, CancellationToken.None);
        Assert.Equal(ReviewRefusal.None, refusal);
    }
}
