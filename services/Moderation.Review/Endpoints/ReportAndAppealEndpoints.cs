using System.Diagnostics;
using System.Security.Claims;
using MassTransit;
using Microsoft.Extensions.Options;
using Moderation.Client;
using Moderation.Contracts;
using Moderation.Messaging;
using Moderation.Review.Domain;
using Moderation.Review.Domain.Queue;
using Moderation.Review.Storage;
using Moderation.ServiceDefaults;

namespace Moderation.Review.Endpoints;

/// <summary>What the platform sends on behalf of its users: reports of a submission, and authors' appeals of a removal.</summary>
internal static class ReportAndAppealEndpoints
{
    public static void Map(RouteGroupBuilder platform)
    {
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

    /// <summary>
    /// A user report on a submission whose content Review holds: counted on its case (raising its
    /// priority while it waits) instead of making another item; a decided case is a 409. The report
    /// is published for the audit log with the caller as its reporter once it is counted.
    /// </summary>
    private static async Task<IResult> Report(
        ReportRequest request, ClaimsPrincipal caller, [AsParameters] ReviewServices review, QueuePriority priority, IOptions<ReviewOptions> options,
        IPublishEndpoint bus, TimeProvider clock, CancellationToken cancellationToken)
    {
        var validation = ValidateSubmissionAndReason(request.SubmissionId, request.Reason, options.Value);
        if (!validation.IsValid)
        {
            return validation.Problem();
        }

        var refusal = ReviewRefusal.NotQueued;
        var item = await UpdateBySubmissionAsync(request.SubmissionId!.Value, caller, review.Queue, current =>
        {
            refusal = ReviewRules.Report(current, priority);
            return refusal == ReviewRefusal.None;
        }, cancellationToken);
        if (refusal != ReviewRefusal.None)
        {
            return ReviewProblems.SubmissionRefused(request.SubmissionId.Value, refusal);
        }

        var reported = item!;
        review.Metrics.Reported();
        Activity.Current?.SetTag(Telemetry.SubmissionIdTag, reported.SubmissionId);
        // Published directly, not through the outbox: a report is a count on its case, not a stored
        // event with a "published" mark the sweeper could find again, and keeping one record per
        // report would grow the case with every report of a flood. The count is stored first, so a
        // refused report is never logged; the publish is not cancelled with the request, so a caller
        // who hangs up after the count does not keep the report from the log (nor leave RabbitMQ's
        // channel half-published, rabbitmq-dotnet-client#1930).
        await bus.Publish(new SubmissionReported(reported.SubmissionId, Guid.CreateVersion7(), ReviewCallers.Name(caller), reported.ReportCount, clock.GetUtcNow()),
            CancellationToken.None);
        return Results.Ok(new ReportAccepted(reported.SubmissionId, reported.ItemId, reported.ReportCount, reported.IsQueued, reported.Priority));
    }

    private static async Task<IResult> Appeal(
        AppealRequest request, ClaimsPrincipal caller, [AsParameters] ReviewServices review, QueuePriority priority,
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
        var item = await UpdateBySubmissionAsync(request.SubmissionId!.Value, caller, review.Queue, current =>
        {
            refusal = ReviewRules.Appeal(current, appealId, request.Reason!.Trim(), ReviewCallers.Name(caller), priority, now);
            return refusal == ReviewRefusal.None;
        }, cancellationToken);
        if (refusal != ReviewRefusal.None)
        {
            return ReviewProblems.SubmissionRefused(request.SubmissionId.Value, refusal);
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

    /// <summary>Another publisher's submission is left alone and answered as one Review does not hold (a 404), so its id tells nothing.</summary>
    private static async Task<ReviewItem?> UpdateBySubmissionAsync(
        Guid submissionId, ClaimsPrincipal caller, IReviewQueue queue, Func<ReviewItem, bool> change, CancellationToken cancellationToken)
    {
        var existing = await queue.GetBySubmissionAsync(submissionId, cancellationToken);
        return existing is null || !Publishers.MaySee(caller, existing.Publisher) ? null : await queue.UpdateAsync(existing.ItemId, change, cancellationToken);
    }
}
