using Moderation.Ingestion.Domain;
using Moderation.Ingestion.Storage;

namespace Moderation.Ingestion.Intake;

/// <summary>
/// Finds the article and the parent comment a comment answers. One lookup serves one request, and a
/// batch's comments share one, so a comment answered by many lines of a batch is read once.
/// </summary>
public sealed class ThreadLookup(ISubmissionStore store, ArticleThreads articles)
{
    private readonly Dictionary<Guid, SubmissionRecord?> _comments = [];

    public Task<ArticleThread?> FindArticleAsync(Guid articleId, CancellationToken cancellationToken) =>
        articles.FindAsync(articleId, cancellationToken);

    public async Task<SubmissionRecord?> FindCommentAsync(Guid commentId, CancellationToken cancellationToken)
    {
        if (!_comments.TryGetValue(commentId, out var comment))
        {
            comment = await store.FindCommentAsync(commentId, cancellationToken);
            _comments[commentId] = comment;
        }

        return comment;
    }
}
