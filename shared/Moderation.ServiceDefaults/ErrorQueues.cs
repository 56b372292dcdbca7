using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;
using Moderation.Client;
using RabbitMQ.Client;
using RabbitMQ.Client.Exceptions;

namespace Moderation.ServiceDefaults;

/// <summary>
/// MassTransit moves a message that failed every retry to <c>&lt;queue&gt;_error</c>. Once the cause is
/// fixed, an admin moves them back to the queue's own exchange, where the (idempotent) consumers
/// take them again. Each message is acknowledged on the error queue only after the broker has
/// confirmed its copy on the queue, so a crash in between duplicates a message, never loses one.
/// </summary>
public sealed class RabbitMqErrorQueues(IOptions<BusOptions> options)
{
    private const string ErrorSuffix = "_error";

    public async Task<long> CountAsync(string queue, CancellationToken cancellationToken)
    {
        await using var connection = await Factory().CreateConnectionAsync(cancellationToken);
        await using var channel = await connection.CreateChannelAsync(cancellationToken: cancellationToken);
        try
        {
            return (await channel.QueueDeclarePassiveAsync(queue + ErrorSuffix, cancellationToken)).MessageCount;
        }
        catch (OperationInterruptedException)
        {
            return 0;
        }
    }

    public async Task<int> RedriveAsync(string queue, int max, CancellationToken cancellationToken)
    {
        await using var connection = await Factory().CreateConnectionAsync(cancellationToken);
        await using var channel = await connection.CreateChannelAsync(
            new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true), cancellationToken);
        var moved = 0;
        while (moved < max)
        {
            BasicGetResult? failed;
            try
            {
                failed = await channel.BasicGetAsync(queue + ErrorSuffix, autoAck: false, cancellationToken);
            }
            catch (OperationInterruptedException)
            {
                return moved;
            }

            if (failed is null)
            {
                break;
            }

            var properties = new BasicProperties(failed.BasicProperties);
            if (properties.Headers is not null)
            {
                foreach (var fault in properties.Headers.Keys.Where(k => k.StartsWith("MT-Fault-", StringComparison.Ordinal) || k == "MT-Reason").ToList())
                {
                    properties.Headers.Remove(fault);
                }
            }

            await channel.BasicPublishAsync(queue, string.Empty, mandatory: true, properties, failed.Body, cancellationToken);
            await channel.BasicAckAsync(failed.DeliveryTag, multiple: false, cancellationToken);
            moved++;
        }

        return moved;
    }

    private ConnectionFactory Factory()
    {
        var rabbit = options.Value.RabbitMq;
        return new ConnectionFactory
        {
            HostName = rabbit.Host,
            Port = rabbit.Port,
            VirtualHost = rabbit.VirtualHost,
            UserName = rabbit.Username,
            Password = rabbit.Password,
        };
    }
}

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

        var views = new List<ErrorQueueView>();
        foreach (var queue in registrations.QueueNames.Distinct())
        {
            views.Add(new ErrorQueueView(queue, queue + "_error", await errorQueues.CountAsync(queue, cancellationToken)));
        }

        return Results.Ok(views);
    }

    private static async Task<IResult> RedriveAsync(
        string queue, int? max, ModerationConsumerRegistrations registrations, IOptions<BusOptions> options,
        RabbitMqErrorQueues errorQueues, CancellationToken cancellationToken)
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

        return Results.Ok(new RedriveResult(queue, await errorQueues.RedriveAsync(queue, max ?? MaxRedrive, cancellationToken)));
    }

    private static IResult InMemoryProblem() =>
        Results.Problem(statusCode: StatusCodes.Status409Conflict, title: "No error queues on the in-memory bus.",
            detail: "Error queues can be listed and re-driven when Bus:Transport is RabbitMq.");
}
