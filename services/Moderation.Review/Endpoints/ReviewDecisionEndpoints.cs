using System.Diagnostics;
using System.Security.Claims;
using Microsoft.Extensions.Options;
using Moderation.Client;
using Moderation.Contracts;
using Moderation.Messaging;
using Moderation.Review.Domain;
using Moderation.ServiceDefaults;

namespace Moderation.Review.Endpoints;

/// <summary>Moderators' decisions: on one item, or the same decision on many.</summary>
internal static class ReviewDecisionEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        api.MapPost("/items/{itemId:guid}/decision", Decide)
            .WithName("DecideReviewItem")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        api.MapPost("/decisions/bulk", DecideBulk).WithName("DecideReviewItemsInBulk").ProducesValidationProblem();
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
        return refusal == ReviewRefusal.None ? Results.Ok(item!.ToView(now)) : ReviewProblems.DecisionRefused(itemId, item, refusal);
    }

    /// <summary>
    /// One decision for many items; each is decided (and logged) on its own, under the rules of a single
    /// decision, and gets its own result. Items the caller may not decide now (held by another, decided,
    /// at senior tier...) are left alone and listed as skipped, with the reason.
    /// </summary>
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
        var skipped = new List<BulkDecisionSkip>();
        foreach (var itemId in request.ItemIds!)
        {
            var (item, refusal) = await DecideOneAsync(itemId, request.Decision!.Value, request.Reason!, request.Note, request.Labels, user, review, now, cancellationToken);
            if (refusal == ReviewRefusal.None)
            {
                results.Add(new BulkDecisionItemResult(itemId, StatusCodes.Status200OK, item!.ToView(now), null));
            }
            else
            {
                results.Add(new BulkDecisionItemResult(itemId, ReviewProblems.Status(refusal), null, ReviewProblems.Detail(refusal)));
                skipped.Add(new BulkDecisionSkip(itemId, ReviewProblems.SkipReason(refusal)));
            }
        }

        return Results.Ok(new BulkDecisionResult(results.Count - skipped.Count, skipped.Count, results) { Skipped = skipped });
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
        var moderator = ReviewCallers.Name(user);
        var refusal = ReviewRefusal.None;
        var pastSla = false;
        ModerationDecided? decision = null;
        var item = await review.Queue.UpdateAsync(itemId, current =>
        {
            decision = new ModerationDecided(current.SubmissionId, Guid.CreateVersion7(), outcome, DecisionActorKind.Moderator,
                moderator, reason, note, labels, outcome != DecisionOutcome.Escalate, now, ReviewRules.AppealOf(current));
            pastSla = current.IsPastSla(now);
            refusal = ReviewRules.Decide(current, decision, ReviewCallers.IsSenior(user), now);
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
}
