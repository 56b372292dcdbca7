using Refit;

namespace Moderation.Client;

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
