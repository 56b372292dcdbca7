using Refit;

namespace Moderation.Client;

/// <summary>The Ingestion service: articles, comments and what became of them (role <c>submitter</c>).</summary>
[Headers("Accept: application/json")]
public interface IIngestionApi
{
    [Post("/api/v1/articles")]
    Task<ArticleAccepted> SubmitArticleAsync([Body] SubmitArticleRequest request, CancellationToken cancellationToken = default);

    [Post("/api/v1/articles/{articleId}/comments")]
    Task<CommentAccepted> SubmitCommentAsync(Guid articleId, [Body] SubmitCommentRequest request, CancellationToken cancellationToken = default);

    [Get("/api/v1/submissions/{submissionId}")]
    Task<SubmissionView> GetSubmissionAsync(Guid submissionId, CancellationToken cancellationToken = default);

    /// <summary>Imports a scraped page; <paramref name="page"/> is <c>text/plain</c> or <c>text/html</c> in UTF-8.</summary>
    [Post("/api/v1/articles/import")]
    Task<ArticleImported> ImportArticleAsync(string source, [Body] HttpContent page, string? url = null, CancellationToken cancellationToken = default);

    /// <summary>Submits an NDJSON batch (<c>application/x-ndjson</c>, one <see cref="BatchLine"/> a line).</summary>
    [Post("/api/v1/submissions/batch")]
    Task<BatchResult> SubmitBatchAsync([Body] HttpContent ndjson, CancellationToken cancellationToken = default);

    [Get("/api/v1/articles/{articleId}")]
    Task<ArticleView> GetArticleAsync(Guid articleId, CancellationToken cancellationToken = default);
}
