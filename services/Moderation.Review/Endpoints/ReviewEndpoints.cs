using System.Diagnostics;
using System.Security.Claims;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using Moderation.Client;
using Moderation.Contracts;
using Moderation.Review.Domain;
using Moderation.Review.Storage;
using Moderation.ServiceDefaults;

namespace Moderation.Review.Endpoints;

public static class ReviewEndpoints
{
    private const long MaxRequestBodyBytes = 64 * 1024;

    public static RouteGroupBuilder MapReviewEndpoints(this IEndpointRouteBuilder routes)
    {
        var api = routes.MapGroup("/api/v1/review")
            .RequireAuthorization(Roles.Moderator)
            .WithTags("Review")
            .WithMetadata(new RequestSizeLimitAttribute(MaxRequestBodyBytes));
        api.MapGet("/items", ListItems).WithName("ListReviewItems").ProducesValidationProblem();
        api.MapGet("/items/{itemId:guid}", GetItem).WithName("GetReviewItem").ProducesProblem(StatusCodes.Status404NotFound);
        api.MapPost("/claims", Claim).WithName("ClaimReviewItems").ProducesValidationProblem();
        api.MapPost("/items/{itemId:guid}/decision", Decide)
            .WithName("DecideReviewItem")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        api.MapPost("/items/{itemId:guid}/release", Release)
            .WithName("ReleaseReviewItem")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        return api;
    }

    private static async Task<IResult> ListItems(
        ReviewItemStatus? status, string? category, int? page, int? pageSize,
        IReviewQueue queue, IOptions<ReviewOptions> options, TimeProvider clock, CancellationToken cancellationToken)
    {
        var size = pageSize ?? 20;
        var validation = new RequestValidation();
        if (page is < 1)
        {
            validation.Add("page", "must be 1 or more.");
        }

        if (size < 1 || size > options.Value.MaxPageSize)
        {
            validation.Add("pageSize", $"must be between 1 and {options.Value.MaxPageSize}.");
        }

        if (category is not null && !Categories.All.Contains(category))
        {
            validation.Add("category", $"'{category}' is not a category of the taxonomy.");
        }

        if (!validation.IsValid)
        {
            return validation.Problem();
        }

        var now = clock.GetUtcNow();
        var (items, total) = await queue.ListAsync(new ReviewQuery(status, category, page ?? 1, size, now), cancellationToken);
        return Results.Ok(new ReviewItemsPage([.. items.Select(i => i.ToView(now))], page ?? 1, size, total));
    }

    private static async Task<IResult> GetItem(Guid itemId, IReviewQueue queue, TimeProvider clock, CancellationToken cancellationToken)
    {
        var item = await queue.GetAsync(itemId, cancellationToken);
        return item is null || !item.IsQueued ? NotFound(itemId) : Results.Ok(item.ToView(clock.GetUtcNow()));
    }

    private static async Task<IResult> Claim(
        ClaimRequest? request, ClaimsPrincipal user, IReviewQueue queue, IOptions<ReviewOptions> options, TimeProvider clock, CancellationToken cancellationToken)
    {
        var count = request?.Count ?? 1;
        if (count < 1 || count > options.Value.MaxClaimCount)
        {
            return new RequestValidation().Add("count", $"must be between 1 and {options.Value.MaxClaimCount}.").Problem();
        }

        var now = clock.GetUtcNow();
        var items = await queue.ClaimAsync(user.Identity!.Name!, IsSenior(user), count, now, now + options.Value.LeaseDuration, cancellationToken);
        return Results.Ok(new ClaimResult([.. items.Select(i => i.ToView(now))]));
    }

    private static async Task<IResult> Decide(
        Guid itemId, DecisionRequest request, ClaimsPrincipal user, IReviewQueue queue, ReliablePublisher publisher,
        IOptions<ReviewOptions> options, TimeProvider clock, CancellationToken cancellationToken)
    {
        var validation = new RequestValidation().Text("note", request.Note, options.Value.MaxNoteLength, required: false);
        if (request.Decision is null)
        {
            validation.Add("decision", "is required: approve, remove or escalate.");
        }

        if (string.IsNullOrWhiteSpace(request.Reason))
        {
            validation.Add("reason", $"is required: one of {string.Join(", ", options.Value.ReasonCodes)}.");
        }
        else if (!options.Value.ReasonCodes.Contains(request.Reason))
        {
            validation.Add("reason", $"'{request.Reason}' is not a reason code; use one of {string.Join(", ", options.Value.ReasonCodes)}.");
        }

        foreach (var (category, value) in request.Labels ?? new Dictionary<string, int>())
        {
            if (!Categories.All.Contains(category))
            {
                validation.Add("labels", $"'{category}' is not a category of the taxonomy.");
            }
            else if (value is not (0 or 1))
            {
                validation.Add("labels", $"the label of '{category}' must be 0 or 1.");
            }
        }

        if (!validation.IsValid)
        {
            return validation.Problem();
        }

        var now = clock.GetUtcNow();
        var moderator = user.Identity!.Name!;
        var refusal = ReviewRefusal.None;
        ModerationDecided? decision = null;
        var item = await queue.UpdateAsync(itemId, current =>
        {
            decision = new ModerationDecided(current.SubmissionId, Guid.CreateVersion7(), request.Decision!.Value, DecisionActorKind.Moderator,
                moderator, request.Reason!, request.Note, request.Labels, request.Decision != DecisionOutcome.Escalate, now);
            refusal = ReviewRules.Decide(current, decision, IsSenior(user), now);
            return refusal == ReviewRefusal.None;
        }, cancellationToken);

        if (item is null || refusal == ReviewRefusal.NotQueued)
        {
            return NotFound(itemId);
        }

        if (refusal != ReviewRefusal.None)
        {
            return Conflict(refusal);
        }

        Activity.Current?.SetTag(Telemetry.SubmissionIdTag, item.SubmissionId);
        await publisher.PublishAsync(queue, new PendingEvent(DecisionKey.Of(item.ItemId, decision!.DecisionId), decision), cancellationToken);
        return Results.Ok(item.ToView(now));
    }

    private static async Task<IResult> Release(Guid itemId, ClaimsPrincipal user, IReviewQueue queue, TimeProvider clock, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var refusal = ReviewRefusal.None;
        var item = await queue.UpdateAsync(itemId, current =>
        {
            refusal = ReviewRules.Release(current, user.Identity!.Name!, now);
            return refusal == ReviewRefusal.None;
        }, cancellationToken);
        if (item is null || !item.IsQueued)
        {
            return NotFound(itemId);
        }

        return refusal == ReviewRefusal.None ? Results.Ok(item.ToView(now)) : Conflict(refusal);
    }

    private static bool IsSenior(ClaimsPrincipal user) => user.IsInRole(Roles.SeniorModerator) || user.IsInRole(Roles.Admin);

    private static IResult NotFound(Guid itemId) =>
        Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Unknown review item.", detail: $"No review item {itemId} is queued.");

    private static IResult Conflict(ReviewRefusal refusal) => refusal switch
    {
        ReviewRefusal.AlreadyDecided => Results.Problem(statusCode: StatusCodes.Status409Conflict, title: "Already decided.", detail: "This item has a final decision."),
        ReviewRefusal.ClaimedByOther => Results.Problem(statusCode: StatusCodes.Status409Conflict, title: "Claimed by another moderator.", detail: "Another moderator holds the lease on this item."),
        ReviewRefusal.NeedsSeniorModerator => Results.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Escalated.", detail: "An escalated item is decided by a senior moderator."),
        _ => Results.Problem(statusCode: StatusCodes.Status409Conflict, title: "Not your claim.", detail: "Only the moderator who holds the lease can release it."),
    };
}
