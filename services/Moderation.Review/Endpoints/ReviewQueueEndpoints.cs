using System.Security.Claims;
using Microsoft.Extensions.Options;
using Moderation.Client;
using Moderation.Contracts;
using Moderation.Review.Domain;
using Moderation.Review.Domain.Queue;
using Moderation.Review.Storage;
using Moderation.ServiceDefaults;

namespace Moderation.Review.Endpoints;

/// <summary>The queue and its leases: list and read items, claim them, release and renew a claim.</summary>
internal static class ReviewQueueEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        api.MapGet("/items", ListItems).WithName("ListReviewItems").ProducesValidationProblem();
        api.MapGet("/items/{itemId:guid}", GetItem).WithName("GetReviewItem").ProducesProblem(StatusCodes.Status404NotFound);
        api.MapPost("/claims", Claim).WithName("ClaimReviewItems").ProducesValidationProblem();
        api.MapPost("/items/{itemId:guid}/release", Release)
            .WithName("ReleaseReviewItem")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        api.MapPost("/items/{itemId:guid}/renew", Renew)
            .WithName("RenewReviewItemLease")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
    }

    private static async Task<IResult> ListItems(
        string? status, string? category, int? page, int? pageSize,
        IReviewQueue queue, IOptions<ReviewOptions> options, TimeProvider clock, CancellationToken cancellationToken)
    {
        var size = pageSize ?? 20;
        var validation = new RequestValidation();

        // Parsed here rather than bound, so that "pending" works as the API documents it and a wrong value is a named 400.
        ReviewItemStatus? wanted = null;
        if (status is not null)
        {
            if (Enum.TryParse<ReviewItemStatus>(status, ignoreCase: true, out var parsed) && Enum.IsDefined(parsed) && !int.TryParse(status, out _))
            {
                wanted = parsed;
            }
            else
            {
                validation.Add("status", $"'{status}' is not a status; use pending, claimed or decided.");
            }
        }

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
        var result = await queue.ListAsync(new ReviewQuery(wanted is { } w ? ReviewItemViews.ToState(w) : null, category, page ?? 1, size, now), cancellationToken);
        return Results.Ok(new ReviewItemsPage([.. result.Items.Select(i => i.ToView(now))], page ?? 1, size, result.Total, result.PastSla));
    }

    private static async Task<IResult> GetItem(Guid itemId, IReviewQueue queue, TimeProvider clock, CancellationToken cancellationToken)
    {
        var item = await queue.GetAsync(itemId, cancellationToken);
        return item is null || !item.IsQueued ? ReviewProblems.NotFound(itemId) : Results.Ok(item.ToView(clock.GetUtcNow()));
    }

    private static async Task<IResult> Claim(
        ClaimRequest? request, ClaimsPrincipal user, IReviewQueue queue, ClaimRules rules, IOptions<ReviewOptions> options, TimeProvider clock,
        CancellationToken cancellationToken)
    {
        var count = request?.Count ?? 1;
        if (count < 1 || count > options.Value.MaxClaimCount)
        {
            return new RequestValidation().Add("count", $"must be between 1 and {options.Value.MaxClaimCount}.").Problem();
        }

        var now = clock.GetUtcNow();
        var claim = new ClaimSpec(ReviewCallers.Name(user), ReviewCallers.IsSenior(user), count, now, rules);
        var items = await queue.ClaimAsync(claim, cancellationToken);
        return Results.Ok(new ClaimResult([.. items.Select(i => i.ToView(now))]));
    }

    private static Task<IResult> Release(Guid itemId, ClaimsPrincipal user, IReviewQueue queue, TimeProvider clock, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        return ChangeLeaseAsync(itemId, queue, now, item => ReviewRules.Release(item, ReviewCallers.Name(user), now), cancellationToken);
    }

    private static Task<IResult> Renew(Guid itemId, ClaimsPrincipal user, IReviewQueue queue, ClaimRules rules, TimeProvider clock, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        return ChangeLeaseAsync(itemId, queue, now, item => ReviewRules.Renew(item, ReviewCallers.Name(user), now, rules.LeaseUntil(now)), cancellationToken);
    }

    private static async Task<IResult> ChangeLeaseAsync(Guid itemId, IReviewQueue queue, DateTimeOffset now, Func<ReviewItem, ReviewRefusal> change, CancellationToken cancellationToken)
    {
        var refusal = ReviewRefusal.None;
        var item = await queue.UpdateAsync(itemId, current =>
        {
            refusal = change(current);
            return refusal == ReviewRefusal.None;
        }, cancellationToken);
        if (item is null || !item.IsQueued)
        {
            return ReviewProblems.NotFound(itemId);
        }

        return refusal == ReviewRefusal.None ? Results.Ok(item.ToView(now)) : ReviewProblems.Refused(itemId, refusal);
    }
}
