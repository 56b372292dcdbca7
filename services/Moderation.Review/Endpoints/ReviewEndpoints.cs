using System.Diagnostics;
using System.Security.Claims;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using Moderation.Client;
using Moderation.Contracts;
using Moderation.Messaging;
using Moderation.Review.Domain;
using Moderation.Review.Storage;
using Moderation.ServiceDefaults;

namespace Moderation.Review.Endpoints;

public static class ReviewEndpoints
{
    private const long MaxRequestBodyBytes = 256 * 1024;

    public static void MapReviewEndpoints(this IEndpointRouteBuilder routes)
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
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        api.MapPost("/decisions/bulk", DecideBulk).WithName("DecideReviewItemsInBulk").ProducesValidationProblem();
        api.MapPost("/items/{itemId:guid}/release", Release)
            .WithName("ReleaseReviewItem")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        api.MapPost("/items/{itemId:guid}/renew", Renew)
            .WithName("RenewReviewItemLease")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

        // Reports and appeals come from the platform on behalf of its users, hence the submitter role.
        var platform = routes.MapGroup("/api/v1")
            .RequireAuthorization(Roles.Submitter)
            .WithTags("Review")
            .WithMetadata(new RequestSizeLimitAttribute(MaxRequestBodyBytes));
        platform.MapPost("/review/reports", Report)
            .WithName("ReportSubmission")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        platform.MapPost("/appeals", Appeal)
            .WithName("AppealRemoval")
            .Produces<AppealAccepted>(StatusCodes.Status202Accepted)
            .ProducesValidationProblem()
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
        return item is null || !item.IsQueued ? NotFound(itemId) : Results.Ok(item.ToView(clock.GetUtcNow()));
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
        var claim = new ClaimSpec(user.Identity!.Name!, IsSenior(user), count, now, rules);
        var items = await queue.ClaimAsync(claim, cancellationToken);
        return Results.Ok(new ClaimResult([.. items.Select(i => i.ToView(now))]));
    }

    private static async Task<IResult> Decide(
        Guid itemId, DecisionRequest request, ClaimsPrincipal user, [AsParameters] ReviewServices review,
        IOptions<ReviewOptions> options, TimeProvider clock, CancellationToken cancellationToken)
    {
        var validation = ValidateDecision(request.Decision, request.Reason, request.Note, request.Labels, options.Value);
        if (!validation.IsValid)
        {
            return validation.Problem();
        }

        var now = clock.GetUtcNow();
        var (item, refusal) = await DecideOneAsync(itemId, request.Decision!.Value, request.Reason!, request.Note, request.Labels, user, review, now, cancellationToken);
        return refusal == ReviewRefusal.None ? Results.Ok(item!.ToView(now)) : Refused(itemId, refusal);
    }

    /// <summary>One decision for many items; each is decided (and logged) on its own, and each gets its own result.</summary>
    private static async Task<IResult> DecideBulk(
        BulkDecisionRequest request, ClaimsPrincipal user, [AsParameters] ReviewServices review,
        IOptions<ReviewOptions> options, TimeProvider clock, CancellationToken cancellationToken)
    {
        var validation = ValidateDecision(request.Decision, request.Reason, request.Note, request.Labels, options.Value);
        if (request.ItemIds is not { Count: > 0 } itemIds)
        {
            validation.Add("itemIds", "needs at least one item id.");
        }
        else if (itemIds.Count > options.Value.MaxBulkItems)
        {
            validation.Add("itemIds", $"may hold at most {options.Value.MaxBulkItems} item ids.");
        }
        else if (itemIds.Distinct().Count() != itemIds.Count)
        {
            validation.Add("itemIds", "names an item twice.");
        }

        if (!validation.IsValid)
        {
            return validation.Problem();
        }

        var now = clock.GetUtcNow();
        var results = new List<BulkDecisionItemResult>();
        foreach (var itemId in request.ItemIds!)
        {
            var (item, refusal) = await DecideOneAsync(itemId, request.Decision!.Value, request.Reason!, request.Note, request.Labels, user, review, now, cancellationToken);
            results.Add(refusal == ReviewRefusal.None
                ? new BulkDecisionItemResult(itemId, StatusCodes.Status200OK, item!.ToView(now), null)
                : new BulkDecisionItemResult(itemId, RefusalStatus(refusal), null, RefusalDetail(refusal)));
        }

        var decided = results.Count(r => r.Status == StatusCodes.Status200OK);
        return Results.Ok(new BulkDecisionResult(decided, results.Count - decided, results));
    }

    private static RequestValidation ValidateDecision(DecisionOutcome? decision, string? reason, string? note, IReadOnlyDictionary<string, int>? labels, ReviewOptions options)
    {
        var validation = new RequestValidation().Text("note", note, options.MaxNoteLength, required: false);
        if (decision is null)
        {
            validation.Add("decision", "is required: approve, remove or escalate.");
        }

        if (string.IsNullOrWhiteSpace(reason))
        {
            validation.Add("reason", $"is required: one of {string.Join(", ", options.ReasonCodes)}.");
        }
        else if (!options.ReasonCodes.Contains(reason))
        {
            validation.Add("reason", $"'{reason}' is not a reason code; use one of {string.Join(", ", options.ReasonCodes)}.");
        }

        foreach (var (category, value) in labels ?? new Dictionary<string, int>())
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

        return validation;
    }

    private static async Task<(ReviewItem? Item, ReviewRefusal Refusal)> DecideOneAsync(
        Guid itemId, DecisionOutcome outcome, string reason, string? note, IReadOnlyDictionary<string, int>? labels,
        ClaimsPrincipal user, ReviewServices review, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var moderator = user.Identity!.Name!;
        var refusal = ReviewRefusal.None;
        var pastSla = false;
        ModerationDecided? decision = null;
        var item = await review.Queue.UpdateAsync(itemId, current =>
        {
            decision = new ModerationDecided(current.SubmissionId, Guid.CreateVersion7(), outcome, DecisionActorKind.Moderator,
                moderator, reason, note, labels, outcome != DecisionOutcome.Escalate, now, ReviewRules.AppealOf(current));
            pastSla = current.IsPastSla(now);
            refusal = ReviewRules.Decide(current, decision, IsSenior(user), now);
            return refusal == ReviewRefusal.None;
        }, cancellationToken);

        if (item is null)
        {
            return (null, ReviewRefusal.NotQueued);
        }

        if (refusal == ReviewRefusal.None && decision is not null)
        {
            review.Metrics.Decided(decision, pastSla);
            Activity.Current?.SetTag(Telemetry.SubmissionIdTag, item.SubmissionId);
            await review.Publisher.PublishAsync(review.Queue, new PendingEvent(DecisionKey.Of(item.ItemId, decision.DecisionId), decision), cancellationToken);
        }

        return (item, refusal);
    }

    private static Task<IResult> Release(Guid itemId, ClaimsPrincipal user, IReviewQueue queue, TimeProvider clock, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        return ChangeLeaseAsync(itemId, queue, now, item => ReviewRules.Release(item, user.Identity!.Name!, now), cancellationToken);
    }

    private static Task<IResult> Renew(Guid itemId, ClaimsPrincipal user, IReviewQueue queue, ClaimRules rules, TimeProvider clock, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        return ChangeLeaseAsync(itemId, queue, now, item => ReviewRules.Renew(item, user.Identity!.Name!, now, rules.LeaseUntil(now)), cancellationToken);
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
            return NotFound(itemId);
        }

        return refusal == ReviewRefusal.None ? Results.Ok(item.ToView(now)) : Refused(itemId, refusal);
    }

    /// <summary>
    /// A user report on a submission whose content Review holds: counted on its case (raising its
    /// priority while it waits) instead of making another item; a decided case is a 409.
    /// </summary>
    private static async Task<IResult> Report(
        ReportRequest request, [AsParameters] ReviewServices review, QueuePriority priority, IOptions<ReviewOptions> options, CancellationToken cancellationToken)
    {
        var validation = ValidateSubmissionAndReason(request.SubmissionId, request.Reason, options.Value);
        if (!validation.IsValid)
        {
            return validation.Problem();
        }

        var refusal = ReviewRefusal.NotQueued;
        var item = await UpdateBySubmissionAsync(request.SubmissionId!.Value, review.Queue, current =>
        {
            refusal = ReviewRules.Report(current, priority);
            return refusal == ReviewRefusal.None;
        }, cancellationToken);
        if (refusal != ReviewRefusal.None)
        {
            return SubmissionRefused(request.SubmissionId.Value, refusal);
        }

        review.Metrics.Reported();
        return Results.Ok(new ReportAccepted(item!.SubmissionId, item.ItemId, item.ReportCount, item.IsQueued, item.Priority));
    }

    private static async Task<IResult> Appeal(
        AppealRequest request, [AsParameters] ReviewServices review, QueuePriority priority,
        IOptions<ReviewOptions> options, TimeProvider clock, CancellationToken cancellationToken)
    {
        var validation = ValidateSubmissionAndReason(request.SubmissionId, request.Reason, options.Value);
        if (!validation.IsValid)
        {
            return validation.Problem();
        }

        var now = clock.GetUtcNow();
        var appealId = Guid.CreateVersion7();
        var refusal = ReviewRefusal.NotQueued;
        var item = await UpdateBySubmissionAsync(request.SubmissionId!.Value, review.Queue, current =>
        {
            refusal = ReviewRules.Appeal(current, appealId, request.Reason!.Trim(), priority, now);
            return refusal == ReviewRefusal.None;
        }, cancellationToken);
        if (refusal != ReviewRefusal.None)
        {
            return SubmissionRefused(request.SubmissionId.Value, refusal);
        }

        var filed = item!.Appeal!.Event;
        review.Metrics.Appealed();
        Activity.Current?.SetTag(Telemetry.SubmissionIdTag, item.SubmissionId);
        await review.Publisher.PublishAsync(review.Queue, new PendingEvent(DecisionKey.Of(item.ItemId, filed.AppealId), filed), cancellationToken);
        return Results.Accepted(value: new AppealAccepted(filed.AppealId, item.SubmissionId, item.ItemId, filed.AppealOf));
    }

    private static RequestValidation ValidateSubmissionAndReason(Guid? submissionId, string? reason, ReviewOptions options)
    {
        var validation = new RequestValidation().Text("reason", reason, options.MaxReasonLength, required: true);
        if (submissionId is null || submissionId == Guid.Empty)
        {
            validation.Add("submissionId", "is required.");
        }

        return validation;
    }

    private static async Task<ReviewItem?> UpdateBySubmissionAsync(Guid submissionId, IReviewQueue queue, Func<ReviewItem, bool> change, CancellationToken cancellationToken)
    {
        var existing = await queue.GetBySubmissionAsync(submissionId, cancellationToken);
        return existing is null ? null : await queue.UpdateAsync(existing.ItemId, change, cancellationToken);
    }

    /// <summary>What the endpoints that record and publish events need, bound as one parameter.</summary>
    private sealed record ReviewServices(IReviewQueue Queue, ReliablePublisher Publisher, ReviewMetrics Metrics);

    private static bool IsSenior(ClaimsPrincipal user) => user.IsInRole(Roles.SeniorModerator) || user.IsInRole(Roles.Admin);

    private static IResult NotFound(Guid itemId) =>
        Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Unknown review item.", detail: $"No review item {itemId} is queued.");

    private static IResult SubmissionRefused(Guid submissionId, ReviewRefusal refusal) => refusal == ReviewRefusal.NotQueued
        ? Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Unknown submission.", detail: $"Review holds no content of submission {submissionId}.")
        : Results.Problem(statusCode: RefusalStatus(refusal), title: RefusalTitle(refusal), detail: RefusalDetail(refusal));

    private static IResult Refused(Guid itemId, ReviewRefusal refusal) => refusal == ReviewRefusal.NotQueued
        ? NotFound(itemId)
        : Results.Problem(statusCode: RefusalStatus(refusal), title: RefusalTitle(refusal), detail: RefusalDetail(refusal));

    private static int RefusalStatus(ReviewRefusal refusal) => refusal switch
    {
        ReviewRefusal.NotQueued => StatusCodes.Status404NotFound,
        ReviewRefusal.NeedsSeniorModerator or ReviewRefusal.RemovedByCaller => StatusCodes.Status403Forbidden,
        _ => StatusCodes.Status409Conflict,
    };

    private static string RefusalTitle(ReviewRefusal refusal) => refusal switch
    {
        ReviewRefusal.NotQueued => "Not queued.",
        ReviewRefusal.AlreadyDecided => "Already decided.",
        ReviewRefusal.ClaimedByOther => "Claimed by another moderator.",
        ReviewRefusal.NeedsSeniorModerator => "Escalated.",
        ReviewRefusal.RemovedByCaller => "Your own removal.",
        ReviewRefusal.NotRemoved => "Not removed.",
        ReviewRefusal.AlreadyAppealed => "Already appealed.",
        _ => "Not your claim.",
    };

    private static string RefusalDetail(ReviewRefusal refusal) => refusal switch
    {
        ReviewRefusal.NotQueued => "No such item is queued.",
        ReviewRefusal.AlreadyDecided => "This case has a final decision.",
        ReviewRefusal.ClaimedByOther => "Another moderator holds the lease on this item.",
        ReviewRefusal.NeedsSeniorModerator => "An escalated item is decided by a senior moderator.",
        ReviewRefusal.RemovedByCaller => "You removed this submission; its appeal is decided by another moderator.",
        ReviewRefusal.NotRemoved => "Only a removed submission can be appealed.",
        ReviewRefusal.AlreadyAppealed => "A submission can be appealed once.",
        _ => "Only the moderator who holds a live lease on the item can release or renew it.",
    };
}
