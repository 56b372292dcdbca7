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

    /// <summary>
    /// How many messages wait in the error queue of each of <paramref name="queues"/>, over one
    /// connection; a queue that never failed a message has no error queue yet, and counts 0.
    /// </summary>
    public async Task<IReadOnlyList<ErrorQueueView>> CountAsync(IEnumerable<string> queues, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(queues);
        await using var connection = await Factory().CreateConnectionAsync(cancellationToken);
        var views = new List<ErrorQueueView>();
        foreach (var queue in queues)
        {
            // The broker closes the channel of a passive declare that names no queue: one channel each.
            await using var channel = await connection.CreateChannelAsync(cancellationToken: cancellationToken);
            long messages;
            try
            {
                messages = (await channel.QueueDeclarePassiveAsync(queue + ErrorSuffix, cancellationToken)).MessageCount;
            }
            catch (OperationInterruptedException)
            {
                messages = 0;
            }

            views.Add(new ErrorQueueView(queue, queue + ErrorSuffix, messages));
        }

        return views;
    }

    /// <summary>
    /// <see cref="CountAsync"/> for a page that must answer anyway: when the broker cannot be asked
    /// within <paramref name="timeout"/>, the counts are null and the failure says why.
    /// </summary>
    public async Task<(IReadOnlyList<ErrorQueueView>? Queues, string? Failure)> TryCountAsync(
        IEnumerable<string> queues, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        try
        {
            return (await CountAsync(queues, deadline.Token), null);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return (null, $"the broker did not answer within {timeout.TotalSeconds:0.#} s");
        }
        catch (Exception ex) when (ex is IOException or RabbitMQClientException or TimeoutException)
        {
            return (null, $"the broker could not be asked: {ex.Message}");
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

        return Results.Ok(await errorQueues.CountAsync(registrations.QueueNames.Distinct(), cancellationToken));
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
