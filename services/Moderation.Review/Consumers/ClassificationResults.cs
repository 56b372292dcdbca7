using Moderation.Contracts;
using Moderation.Messaging;
using Moderation.Review.Domain;
using Moderation.Review.Domain.Queue;
using Moderation.Review.Storage;

namespace Moderation.Review.Consumers;

/// <summary>
/// Applies classifier results to their items and records the policy's own decisions on Allow and
/// Block verdicts, all in one store write; then publishes the decisions this delivery stored as one
/// message and marks them together. A redelivery finds the verdicts stored, decides nothing and
/// publishes nothing; decisions whose publish failed are left to the sweeper, which publishes each
/// as a <see cref="ModerationDecided"/> of its own.
/// </summary>
public sealed class ClassificationResults(
    IReviewQueue queue, ReviewQueueWrites writes, QueuePriority priority, ReliablePublisher publisher, ReviewMetrics metrics, TimeProvider clock)
{
    /// <param name="results">The results, applied in order.</param>
    /// <param name="carrier">The message that carries the decisions taken at the given moment (never asked for none).</param>
    /// <param name="cancellationToken">Cancels the store write and the publish.</param>
    public async Task ApplyAsync(
        IReadOnlyList<ContentClassified> results, Func<IReadOnlyList<ModerationDecided>, DateTimeOffset, object> carrier, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(results);
        ArgumentNullException.ThrowIfNull(carrier);
        var now = clock.GetUtcNow();
        var decisions = new ModerationDecided?[results.Count];
        var changes = results.Select((result, index) => new ReviewItemChange(result.SubmissionId, current =>
        {
            // The store may run this again on a fresher copy; only the last run's decision is the stored one.
            decisions[index] = null;
            if (current.Verdict is not null)
            {
                return false;
            }

            ReviewRules.ApplyClassification(current, result, priority);
            decisions[index] = ReviewRules.DecideByPolicy(current, result, now);
            return true;
        })).ToList();
        var items = await writes.UpsertManyBySubmissionAsync(changes, cancellationToken);

        // Only the delivery that stored a decision publishes it; if that one died in between, the sweeper does.
        var stored = new List<ModerationDecided>();
        var keys = new List<string>();
        for (var index = 0; index < decisions.Length; index++)
        {
            if (decisions[index] is { } decision)
            {
                metrics.Decided(decision, pastSla: false);
                stored.Add(decision);
                keys.Add(DecisionKey.Of(items[index].ItemId, decision.DecisionId));
            }
        }

        if (stored.Count > 0)
        {
            await publisher.PublishAsync(queue, carrier(stored, now), keys, cancellationToken);
        }
    }
}
