using Moderation.Contracts;
using Moderation.Review.Domain;
using Moderation.Review.Storage;

namespace Moderation.Review.Consumers;

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
            .Select(a => new ReviewItemChange(a.SubmissionId, Keep(ContentKind.Article, a.Title, a.Body, a.Publisher, null)))
            .ToList();
        var earlierComments = new Dictionary<Guid, string>();
        foreach (var comment in comments)
        {
            var parentText = comment.ParentCommentId is not { } parentId ? null
                : earlierComments.TryGetValue(parentId, out var text) ? text
                : (await queue.GetByCommentAsync(parentId, cancellationToken))?.Text;
            changes.Add(new ReviewItemChange(comment.SubmissionId, Keep(ContentKind.Comment, comment.ArticleTitle, comment.Body, comment.Publisher,
                item => ReviewRules.ApplyThread(item, comment.CommentId, comment.ParentCommentId, parentText))));
            earlierComments.TryAdd(comment.CommentId, comment.Body);
        }

        await writes.UpsertManyBySubmissionAsync(changes, cancellationToken);
    }

    private static Func<ReviewItem, bool> Keep(ContentKind kind, string title, string text, string? publisher, Action<ReviewItem>? applyThread) => item =>
    {
        if (item.Text is not null)
        {
            return false;
        }

        ReviewRules.ApplyContent(item, kind, title, text, publisher);
        applyThread?.Invoke(item);
        return true;
    };
}
