using Moderation.Contracts;
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

/// <summary>The Classification service: dry runs (role <c>submitter</c>), training and model versions (role <c>admin</c>).</summary>
[Headers("Accept: application/json")]
public interface IClassificationApi
{
    [Post("/api/v1/classify")]
    Task<ClassificationResult> ClassifyAsync([Body] ClassifyRequest request, CancellationToken cancellationToken = default);

    /// <summary>Body: NDJSON of <see cref="ClassifyRequest"/>; answer: NDJSON of <see cref="ClassificationResult"/> in line order.</summary>
    [Post("/api/v1/classify/batch")]
    Task<HttpResponseMessage> ClassifyBatchAsync([Body] HttpContent ndjson, CancellationToken cancellationToken = default);

    /// <summary>Body: NDJSON of <see cref="TrainingExampleRequest"/>.</summary>
    [Post("/api/v1/training/examples")]
    Task<TrainingExamplesImported> ImportTrainingExamplesAsync([Body] HttpContent ndjson, CancellationToken cancellationToken = default);

    [Post("/api/v1/training/runs")]
    Task<ModelVersionView> StartTrainingRunAsync(CancellationToken cancellationToken = default);

    [Get("/api/v1/models")]
    Task<ModelVersionsPage> ListModelsAsync(CancellationToken cancellationToken = default);
}

/// <summary>The Review service's queue (roles <c>moderator</c>, <c>senior-moderator</c>; reports and appeals <c>submitter</c>).</summary>
[Headers("Accept: application/json")]
public interface IReviewApi
{
    [Get("/api/v1/review/items")]
    Task<ReviewItemsPage> ListItemsAsync(ReviewItemStatus? status = null, string? category = null, int? page = null, int? pageSize = null, CancellationToken cancellationToken = default);

    [Get("/api/v1/review/items/{itemId}")]
    Task<ReviewItemView> GetItemAsync(Guid itemId, CancellationToken cancellationToken = default);

    [Post("/api/v1/review/claims")]
    Task<ClaimResult> ClaimAsync([Body] ClaimRequest request, CancellationToken cancellationToken = default);

    [Post("/api/v1/review/items/{itemId}/decision")]
    Task<ReviewItemView> DecideAsync(Guid itemId, [Body] DecisionRequest request, CancellationToken cancellationToken = default);

    [Post("/api/v1/review/items/{itemId}/release")]
    Task<ReviewItemView> ReleaseAsync(Guid itemId, CancellationToken cancellationToken = default);

    [Post("/api/v1/review/items/{itemId}/renew")]
    Task<ReviewItemView> RenewAsync(Guid itemId, CancellationToken cancellationToken = default);

    [Post("/api/v1/review/decisions/bulk")]
    Task<BulkDecisionResult> DecideBulkAsync([Body] BulkDecisionRequest request, CancellationToken cancellationToken = default);

    /// <summary>A user's report forwarded by the platform (role <c>submitter</c>).</summary>
    [Post("/api/v1/review/reports")]
    Task<ReportAccepted> ReportAsync([Body] ReportRequest request, CancellationToken cancellationToken = default);

    /// <summary>An author's appeal of a removal, filed by the platform (role <c>submitter</c>).</summary>
    [Post("/api/v1/appeals")]
    Task<AppealAccepted> AppealAsync([Body] AppealRequest request, CancellationToken cancellationToken = default);
}

/// <summary>The Audit service's hash-chained log (role <c>auditor</c>).</summary>
[Headers("Accept: application/json")]
public interface IAuditApi
{
    [Get("/api/v1/audit/entries")]
    Task<AuditEntriesPage> ListEntriesAsync(Guid? submissionId = null, long? after = null, int? limit = null, CancellationToken cancellationToken = default);

    [Get("/api/v1/audit/verify")]
    Task<AuditVerification> VerifyAsync(CancellationToken cancellationToken = default);

    /// <summary>Verifies the chain and that entry <paramref name="sequence"/> still carries <paramref name="hash"/>, as an earlier checkpoint said.</summary>
    [Get("/api/v1/audit/verify")]
    Task<AuditVerification> VerifyAgainstCheckpointAsync(long sequence, string hash, CancellationToken cancellationToken = default);

    [Get("/api/v1/audit/checkpoint")]
    Task<AuditCheckpoint> GetCheckpointAsync(CancellationToken cancellationToken = default);

    [Get("/api/v1/audit/checkpoint-key")]
    Task<AuditCheckpointKey> GetCheckpointKeyAsync(CancellationToken cancellationToken = default);

    /// <summary>The whole log, one <see cref="AuditExportedEntry"/> per line, for verification away from the service.</summary>
    [Get("/api/v1/audit/export.ndjson")]
    [Headers("Accept: application/x-ndjson")]
    Task<string> ExportNdjsonAsync(CancellationToken cancellationToken = default);

    [Get("/api/v1/stats/overview")]
    Task<StatsOverview> GetOverviewAsync([Query(Format = "o")] DateTimeOffset? from = null, [Query(Format = "o")] DateTimeOffset? to = null, CancellationToken cancellationToken = default);

    /// <summary>The entries that occurred in [from, to) as CSV, one row per entry, in sequence order.</summary>
    [Get("/api/v1/audit/export.csv")]
    [Headers("Accept: text/csv")]
    Task<string> ExportCsvAsync([Query(Format = "o")] DateTimeOffset? from = null, [Query(Format = "o")] DateTimeOffset? to = null, CancellationToken cancellationToken = default);
}

public static class ModerationApiClients
{
    public const string ApiKeyHeader = "X-Api-Key";

    /// <summary>Refit settings that read and write the API's JSON exactly as the services do.</summary>
    public static RefitSettings Settings { get; } = new(new SystemTextJsonContentSerializer(ModerationJson.Options));

    /// <summary>A client on an existing HttpClient; its BaseAddress must point at the service.</summary>
    public static T Create<T>(HttpClient httpClient, string? apiKey)
    {
        ArgumentNullException.ThrowIfNull(httpClient);
        if (apiKey is not null)
        {
            httpClient.DefaultRequestHeaders.Remove(ApiKeyHeader);
            httpClient.DefaultRequestHeaders.Add(ApiKeyHeader, apiKey);
        }

        return RestService.For<T>(httpClient, Settings);
    }
}
