using Moderation.Client;
using Moderation.Contracts;
using Moderation.Ingestion.Domain;

namespace Moderation.Ingestion.Endpoints;

/// <summary>The public API's views of submissions of record: the only place the domain's types become <see cref="Moderation.Client"/>'s.</summary>
public static class SubmissionViews
{
    /// <param name="withModerators">Whether the view names the moderator who decided and shows their note (an admin's view); else both are left out.</param>
    public static SubmissionView ToView(this SubmissionRecord record, bool withModerators)
    {
        ArgumentNullException.ThrowIfNull(record);
        return new SubmissionView(
            record.SubmissionId, record.Kind, record.Status.ToStatus(), record.ArticleId, record.CommentId, record.ParentCommentId, record.Source,
            record.ReceivedAt, record.Verdict, record.Scores, record.Reasons, record.ModelVersion, record.PolicyVersion, record.Decision?.ToView(withModerators),
            [.. record.Timeline.OrderBy(t => t.At).Select(t => new TimelineEntry(t.At, t.State.ToStatus(), t.Detail))]);
    }

    /// <summary>An article with the first of its comments in reading order; <paramref name="truncated"/> says more were not shown.</summary>
    public static ArticleView ToArticleView(this SubmissionRecord article, IReadOnlyList<SubmissionRecord> comments, bool truncated)
    {
        ArgumentNullException.ThrowIfNull(article);
        ArgumentNullException.ThrowIfNull(comments);
        return new ArticleView(
            article.ArticleId, article.SubmissionId, article.Source, article.Title, article.Body, article.Url,
            article.Status.ToStatus(), article.Verdict, article.ReceivedAt, comments.Count, truncated, InReadingOrder(comments));
    }

    public static SubmissionStatus ToStatus(this SubmissionState state) => state switch
    {
        SubmissionState.Received => SubmissionStatus.Received,
        SubmissionState.Classified => SubmissionStatus.Classified,
        SubmissionState.InReview => SubmissionStatus.InReview,
        SubmissionState.Approved => SubmissionStatus.Approved,
        SubmissionState.Removed => SubmissionStatus.Removed,
        _ => throw new ArgumentOutOfRangeException(nameof(state), state, null),
    };

    private static DecisionView ToView(this RecordedDecision decision, bool withModerators) =>
        new(decision.DecisionId, decision.Outcome, decision.ActorKind,
            withModerators || decision.ActorKind != DecisionActorKind.Moderator ? decision.Actor : null,
            decision.ReasonCode, withModerators ? decision.Note : null, decision.DecidedAt);

    /// <summary>Each comment followed by its replies, oldest first, walked with a stack so no reply chain is too long.</summary>
    private static List<ThreadComment> InReadingOrder(IReadOnlyList<SubmissionRecord> comments)
    {
        var ids = comments.Select(c => c.CommentId).ToHashSet();
        var replies = comments.ToLookup(c => ids.Contains(c.ParentCommentId) ? c.ParentCommentId : null);
        var thread = new List<ThreadComment>(comments.Count);
        var pending = new Stack<(SubmissionRecord Comment, int Depth)>(replies[null].Reverse().Select(c => (c, 0)));
        while (pending.TryPop(out var next))
        {
            var (c, depth) = next;
            thread.Add(new ThreadComment(c.CommentId!.Value, c.SubmissionId, c.ParentCommentId, depth, c.Author ?? "", c.Body, c.Status.ToStatus(), c.Verdict, c.ReceivedAt));
            foreach (var reply in replies[c.CommentId].Reverse())
            {
                pending.Push((reply, depth + 1));
            }
        }

        return thread;
    }
}
