using Moderation.Classification.Domain;
using Moderation.Contracts;

namespace Moderation.Classification.Consumers;

/// <summary>A submission as the classifier reads it, whichever event carried it; its publisher chooses the policy's thresholds for that publisher.</summary>
public sealed record Submission(Guid SubmissionId, ContentKind Kind, string Source, IReadOnlyList<ContentField> Fields, string? Publisher = null)
{
    public static Submission Of(ArticleSubmitted article)
    {
        ArgumentNullException.ThrowIfNull(article);
        return new(article.SubmissionId, ContentKind.Article, article.Source, [new ContentField("title", article.Title), new ContentField("body", article.Body)], article.Publisher);
    }

    public static Submission Of(CommentSubmitted comment)
    {
        ArgumentNullException.ThrowIfNull(comment);
        return new(comment.SubmissionId, ContentKind.Comment, comment.Source, [new ContentField("body", comment.Body)], comment.Publisher);
    }
}
