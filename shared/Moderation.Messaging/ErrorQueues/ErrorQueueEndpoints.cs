using System.Globalization;
using System.Security.Claims;
using MassTransit;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;
using Moderation.Contracts;
using Moderation.ServiceDefaults;

namespace Moderation.Messaging;

public static class ErrorQueueEndpoints
{
    public const int MaxRedrive = 10_000;

    /// <summary>Admin endpoints over the error queues of the queues this process consumes.</summary>
    public static IEndpointRouteBuilder MapErrorQueueEndpoints(this IEndpointRouteBuilder routes)
    {
        var admin = routes.MapGroup("/api/v1/admin/error-queues").RequireAuthorization(Roles.Admin).WithTags("Admin");
        admin.MapGet("/", ListAsync).WithName("ListErrorQueues");
        admin.MapPost("/{queue}/redrive", RedriveAsync).WithName("RedriveErrorQueue");
        return routes;
    }

    private static async Task<IResult> ListAsync(
        ModerationConsumerRegistrations registrations, IOptions<BusOptions> options, RabbitMqErrorQueues errorQueues, CancellationToken cancellationToken)
    {
        if (options.Value.Transport != BusTransport.RabbitMq)
        {
            return InMemoryProblem();
        }

        return Results.Ok(await errorQueues.CountAsync(registrations.QueueNames.Distinct(), cancellationToken));
    }

    /// <summary>A redrive re-runs messages that failed, so it is published for the audit log with the admin who asked for it.</summary>
    private static async Task<IResult> RedriveAsync(
        string queue, int? max, ClaimsPrincipal user, ModerationConsumerRegistrations registrations, IOptions<BusOptions> options,
        RabbitMqErrorQueues errorQueues, IPublishEndpoint publisher, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (options.Value.Transport != BusTransport.RabbitMq)
        {
            return InMemoryProblem();
        }

        if (!registrations.QueueNames.Contains(queue))
        {
            return Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Unknown queue.",
                detail: $"This process consumes from {string.Join(", ", registrations.QueueNames)}.");
        }

        if (max is < 1 or > MaxRedrive)
        {
            return new RequestValidation().Add("max", $"must be between 1 and {MaxRedrive.ToString(CultureInfo.InvariantCulture)}.").Problem();
        }

        var moved = await errorQueues.RedriveAsync(queue, max ?? MaxRedrive, cancellationToken);
        await publisher.Publish(new ErrorQueueRedriven(Guid.CreateVersion7(), queue, moved, user.Identity!.Name!, clock.GetUtcNow()), cancellationToken);
        return Results.Ok(new RedriveCount(queue, moved));
    }

    private static IResult InMemoryProblem() =>
        Results.Problem(statusCode: StatusCodes.Status409Conflict, title: "No error queues on the in-memory bus.",
            detail: "Error queues can be listed and re-driven when Bus:Transport is RabbitMq.");
}
