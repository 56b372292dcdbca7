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
        ContentSnapshot.KeepAsync(queue, clock, context.Message.SubmissionId, ContentKind.Article, context.Message.Title, context.Message.Body, context.CancellationToken);
}

/// <summary>Keeps the snapshot of a comment, with the title of the article it sits under.</summary>
public sealed class ReviewCommentSnapshotConsumer(IReviewQueue queue, TimeProvider clock) : IConsumer<CommentSubmitted>
{
    public Task Consume(ConsumeContext<CommentSubmitted> context) =>
        ContentSnapshot.KeepAsync(queue, clock, context.Message.SubmissionId, ContentKind.Comment, context.Message.ArticleTitle, context.Message.Body, context.CancellationToken);
}

internal static class ContentSnapshot
{
    /// <summary>Stores the content once; a redelivered submission finds it there and changes nothing.</summary>
    public static Task KeepAsync(IReviewQueue queue, TimeProvider clock, Guid submissionId, ContentKind kind, string title, string text, CancellationToken cancellationToken)
    {
        Activity.Current?.SetTag(Telemetry.SubmissionIdTag, submissionId);
        return queue.UpsertBySubmissionAsync(submissionId, item =>
        {
            if (item.Text is not null)
            {
                return false;
            }

            ReviewRules.ApplyContent(item, kind, title, text);
            return true;
        }, clock.GetUtcNow(), cancellationToken);
    }
}

/// <summary>Puts a Review verdict in front of moderators, with its scores and evidence.</summary>
public sealed class ReviewClassifiedConsumer(IReviewQueue queue, TimeProvider clock) : IConsumer<ContentClassified>
{
    public Task Consume(ConsumeContext<ContentClassified> context)
    {
        var message = context.Message;
        Activity.Current?.SetTag(Telemetry.SubmissionIdTag, message.SubmissionId);
        return queue.UpsertBySubmissionAsync(message.SubmissionId, item =>
        {
            if (item.Verdict is not null)
            {
                return false;
            }

            ReviewRules.ApplyClassification(item, message);
            return true;
        }, clock.GetUtcNow(), context.CancellationToken);
    }
}
