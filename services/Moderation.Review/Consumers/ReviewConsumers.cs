using System.Diagnostics;
using MassTransit;
using Moderation.Contracts;
using Moderation.Review.Domain;
using Moderation.Review.Storage;
using Moderation.ServiceDefaults;

namespace Moderation.Review.Consumers;

/// <summary>Keeps the snapshot of an article a moderator may have to read.</summary>
public sealed class ReviewArticleSnapshotConsumer(IReviewQueue queue, TimeProvider clock) : IConsumer<ArticleSubmitted>
{
    public Task Consume(ConsumeContext<ArticleSubmitted> context) =>
        ContentSnapshot.KeepAsync(queue, clock, context.Message.SubmissionId, ContentKind.Article, context.Message.Title, context.Message.Body, null, context.CancellationToken);
}

/// <summary>
/// Keeps the snapshot of a comment with its thread: the title of the article it sits under and,
/// for a reply, the text of the comment it answers (from Review's own snapshot of that comment).
/// </summary>
public sealed class ReviewCommentSnapshotConsumer(IReviewQueue queue, TimeProvider clock) : IConsumer<CommentSubmitted>
{
    public async Task Consume(ConsumeContext<CommentSubmitted> context)
    {
        var message = context.Message;
        var parent = message.ParentCommentId is { } parentId ? await queue.GetByCommentAsync(parentId, context.CancellationToken) : null;
        await ContentSnapshot.KeepAsync(queue, clock, message.SubmissionId, ContentKind.Comment, message.ArticleTitle, message.Body,
            item => ReviewRules.ApplyThread(item, message.CommentId, message.ParentCommentId, parent?.Text), context.CancellationToken);
    }
}

internal static class ContentSnapshot
{
    /// <summary>Stores the content once; a redelivered submission finds it there and changes nothing.</summary>
    public static Task KeepAsync(
        IReviewQueue queue, TimeProvider clock, Guid submissionId, ContentKind kind, string title, string text,
        Action<ReviewItem>? applyThread, CancellationToken cancellationToken)
    {
        Activity.Current?.SetTag(Telemetry.SubmissionIdTag, submissionId);
        return queue.UpsertBySubmissionAsync(submissionId, item =>
        {
            if (item.Text is not null)
            {
                return false;
            }

            ReviewRules.ApplyContent(item, kind, title, text);
            applyThread?.Invoke(item);
            return true;
        }, clock.GetUtcNow(), cancellationToken);
    }
}

/// <summary>
/// Puts a Review verdict in front of moderators, with its scores and evidence; records an Allow or
/// Block verdict as the policy's own decision and publishes it through the outbox.
/// </summary>
public sealed class ReviewClassifiedConsumer(IReviewQueue queue, QueuePriority priority, ReliablePublisher publisher, ReviewMetrics metrics, TimeProvider clock)
    : IConsumer<ContentClassified>
{
    public async Task Consume(ConsumeContext<ContentClassified> context)
    {
        var message = context.Message;
        Activity.Current?.SetTag(Telemetry.SubmissionIdTag, message.SubmissionId);
        var now = clock.GetUtcNow();
        ModerationDecided? policyDecision = null;
        var item = await queue.UpsertBySubmissionAsync(message.SubmissionId, current =>
        {
            // The store may run this again on a fresher copy; only the last run's decision is the stored one.
            policyDecision = null;
            if (current.Verdict is not null)
            {
                return false;
            }

            ReviewRules.ApplyClassification(current, message, priority);
            policyDecision = ReviewRules.DecideByPolicy(current, message, now);
            return true;
        }, now, context.CancellationToken);

        // Only the delivery that stored the decision publishes it; if that one died in between, the sweeper does.
        if (policyDecision is not null)
        {
            metrics.Decided(policyDecision, pastSla: false);
            await publisher.PublishAsync(queue, new PendingEvent(DecisionKey.Of(item.ItemId, policyDecision.DecisionId), policyDecision), context.CancellationToken);
        }
    }
}
