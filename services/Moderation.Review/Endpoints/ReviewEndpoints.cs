using Microsoft.AspNetCore.Mvc;
using Moderation.ServiceDefaults;

namespace Moderation.Review.Endpoints;

/// <summary>Review's HTTP API under <c>/api/v1</c>: the queue, decisions, and the platform's reports and appeals.</summary>
public static class ReviewEndpoints
{
    private const long MaxRequestBodyBytes = 256 * 1024;

    public static void MapReviewEndpoints(this IEndpointRouteBuilder routes)
    {
        var api = routes.MapGroup("/api/v1/review")
            .RequireAuthorization(Roles.Moderator)
            .WithTags("Review")
            .WithMetadata(new RequestSizeLimitAttribute(MaxRequestBodyBytes));
        ReviewQueueEndpoints.Map(api);
        ReviewDecisionEndpoints.Map(api);

        // Reports and appeals come from the platform on behalf of its users, hence the submitter role.
        var platform = routes.MapGroup("/api/v1")
            .RequireAuthorization(Roles.Submitter)
            .WithTags("Review")
            .WithMetadata(new RequestSizeLimitAttribute(MaxRequestBodyBytes));
        ReportAndAppealEndpoints.Map(platform);
    }
}
