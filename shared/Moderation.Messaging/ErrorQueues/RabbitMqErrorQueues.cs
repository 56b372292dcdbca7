using Microsoft.Extensions.Options;
using RabbitMQ.Client;
using RabbitMQ.Client.Exceptions;

namespace Moderation.Messaging;

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
    public async Task<IReadOnlyList<ErrorQueueCount>> CountAsync(IEnumerable<string> queues, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(queues);
        await using var connection = await Factory().CreateConnectionAsync(cancellationToken);
        var views = new List<ErrorQueueCount>();
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

            views.Add(new ErrorQueueCount(queue, queue + ErrorSuffix, messages));
        }

        return views;
    }

    /// <summary>
    /// <see cref="CountAsync"/> for a page that must answer anyway: when the broker cannot be asked
    /// within <paramref name="timeout"/>, the counts are null and the failure says why.
    /// </summary>
    public async Task<(IReadOnlyList<ErrorQueueCount>? Queues, string? Failure)> TryCountAsync(
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
