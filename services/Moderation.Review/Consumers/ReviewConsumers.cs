using System.Diagnostics;
using MassTransit;
using Moderation.Contracts;
using Moderation.Messaging;
using Moderation.Review.Domain;
using Moderation.Review.Storage;
using Moderation.ServiceDefaults;
using Moderation.Storage;
using Moderation.WebConsole;

namespace Moderation.Review.Consumers;

/// <summary>Keeps the snapshot of an article a moderator may have to read.</summary>
public sealed class ReviewArticleSnapshotConsumer(ContentSnapshots snapshots) : IConsumer<ArticleSubmitted>
{
    public Task Consume(ConsumeContext<ArticleSubmitted> context)
    {
        Activity.Current?.SetTag(Telemetry.SubmissionIdTag, context.Message.SubmissionId);
        return snapshots.KeepAsync([context.Message], [], context.CancellationToken);
    }
}

/// <summary>
/// Keeps the snapshot of a comment with its thread: the title of the article it sits under and,
/// for a reply, the text of the comment it answers (from Review's own snapshot of that comment).
/// </summary>
public sealed class ReviewCommentSnapshotConsumer(ContentSnapshots snapshots) : IConsumer<CommentSubmitted>
{
    public Task Consume(ConsumeContext<CommentSubmitted> context)
    {
        Activity.Current?.SetTag(Telemetry.SubmissionIdTag, context.Message.SubmissionId);
        return snapshots.KeepAsync([], [context.Message], context.CancellationToken);
    }
}

/// <summary>Keeps the snapshots of every submission of a batch, as the single consumers would, in one store write.</summary>
public sealed class ReviewBatchSnapshotConsumer(ContentSnapshots snapshots) : IConsumer<BatchSubmitted>
{
    public Task Consume(ConsumeContext<BatchSubmitted> context)
    {
        Telemetry.TagBatch(context.Message);
        return snapshots.KeepAsync(context.Message.Articles, context.Message.Comments, context.CancellationToken);
    }
}

/// <summary>
/// Puts a Review verdict in front of moderators, with its scores and evidence; records an Allow or
/// Block verdict as the policy's own decision and publishes it through the outbox.
/// </summary>
public sealed class ReviewClassifiedConsumer(ClassificationResults results) : IConsumer<ContentClassified>
{
    public Task Consume(ConsumeContext<ContentClassified> context)
    {
        Activity.Current?.SetTag(Telemetry.SubmissionIdTag, context.Message.SubmissionId);
        return results.ApplyAsync([context.Message], (decisions, _) => decisions.Single(), context.CancellationToken);
    }
}

/// <summary>
/// Applies every result of a batch as <see cref="ReviewClassifiedConsumer"/> would, in one store
/// write, and publishes the policy's decisions on them together as one <see cref="BatchDecided"/>.
/// </summary>
public sealed class ReviewBatchClassifiedConsumer(ClassificationResults results) : IConsumer<BatchClassified>
{
    public Task Consume(ConsumeContext<BatchClassified> context)
    {
        Telemetry.TagBatch(context.Message);
        return results.ApplyAsync(context.Message.Results, (decisions, now) => new BatchDecided(context.Message.BatchId, decisions, now), context.CancellationToken);
    }
}

/// <summary>
/// Stores the content of submissions once each; a redelivered submission finds its content there and
/// changes nothing. A reply gets the text of the comment it answers: an earlier comment of the same
/// message, else Review's own snapshot of it.
/// </summary>
public sealed class ContentSnapshots(IReviewQueue queue, ReviewQueueWrites writes)
{
    public async Task KeepAsync(IReadOnlyList<ArticleSubmitted> articles, IReadOnlyList<CommentSubmitted> comments, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(articles);
        ArgumentNullException.ThrowIfNull(comments);
        var changes = articles
            .Select(a => new SubmissionChange(a.SubmissionId, Keep(ContentKind.Article, a.Title, a.Body, null)))
            .ToList();
        var earlierComments = new Dictionary<Guid, string>();
        foreach (var comment in comments)
        {
            var parentText = comment.ParentCommentId is not { } parentId ? null
                : earlierComments.TryGetValue(parentId, out var text) ? text
                : (await queue.GetByCommentAsync(parentId, cancellationToken))?.Text;
            changes.Add(new SubmissionChange(comment.SubmissionId, Keep(ContentKind.Comment, comment.ArticleTitle, comment.Body,
                item => ReviewRules.ApplyThread(item, comment.CommentId, comment.ParentCommentId, parentText))));
            earlierComments.TryAdd(comment.CommentId, comment.Body);
        }

        await writes.UpsertManyBySubmissionAsync(changes, cancellationToken);
    }

    private static Func<ReviewItem, bool> Keep(ContentKind kind, string title, string text, Action<ReviewItem>? applyThread) => item =>
    {
        if (item.Text is not null)
        {
            return false;
        }

        ReviewRules.ApplyContent(item, kind, title, text);
        applyThread?.Invoke(item);
        return true;
    };
}

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
        var changes = results.Select((result, index) => new SubmissionChange(result.SubmissionId, current =>
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

/// <summary>
/// The consumers' writes to the review queue, grouped (<see cref="WriteGroups{TItem, TResult}"/>):
/// the changes of concurrent messages, snapshots and verdicts alike, go to the store together in
/// one <see cref="IReviewQueue.UpsertManyBySubmissionAsync"/>, in the order they arrived. One
/// transaction per message kept Review's queue growing at 450 single submissions a second on the
/// two-core machine, with final decisions 20 seconds behind the verdicts.
/// </summary>
public sealed class ReviewQueueWrites(IReviewQueue queue, TimeProvider clock)
{
    private readonly WriteGroups<SubmissionChange, ReviewItem> _upserts =
        new((changes, cancellationToken) => queue.UpsertManyBySubmissionAsync(changes, clock.GetUtcNow(), cancellationToken));

    /// <summary>As <see cref="IReviewQueue.UpsertManyBySubmissionAsync"/>, with the time of the write as the creation time of new items.</summary>
    public Task<IReadOnlyList<ReviewItem>> UpsertManyBySubmissionAsync(IReadOnlyList<SubmissionChange> changes, CancellationToken cancellationToken) =>
        _upserts.WriteAsync(changes, cancellationToken);
}
