using System.Diagnostics;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;

namespace Moderation.LoadDriver;

/// <summary>
/// The broker's own limit on this machine: persistent ~2 KB messages published with confirms to
/// one consumer acknowledging by hand, on a queue of the driver's own. The pipeline's figures are
/// read against it.
/// </summary>
public static class BrokerBaseline
{
    private const int PublishWindow = 256;

    public static async Task<double> MeasureAsync(ConnectionFactory factory, TimeSpan duration, int messageBytes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(factory);
        var queue = $"moderation-load-baseline-{Guid.NewGuid():N}";
        await using var connection = await factory.CreateConnectionAsync(cancellationToken);
        await using var publisher = await connection.CreateChannelAsync(
            new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true), cancellationToken);
        await using var consumerChannel = await connection.CreateChannelAsync(cancellationToken: cancellationToken);
        await publisher.QueueDeclareAsync(queue, durable: true, exclusive: false, autoDelete: false, cancellationToken: cancellationToken);
        await consumerChannel.BasicQosAsync(0, 200, false, cancellationToken);

        long delivered = 0;
        var consumer = new AsyncEventingBasicConsumer(consumerChannel);
        consumer.ReceivedAsync += async (_, delivery) =>
        {
            Interlocked.Increment(ref delivered);
            await consumerChannel.BasicAckAsync(delivery.DeliveryTag, multiple: false, cancellationToken);
        };
        await consumerChannel.BasicConsumeAsync(queue, autoAck: false, consumer, cancellationToken);

        var body = new byte[messageBytes];
        Random.Shared.NextBytes(body);
        var properties = new BasicProperties { Persistent = true };
        var clock = Stopwatch.StartNew();
        var window = new List<Task>(PublishWindow);
        while (clock.Elapsed < duration)
        {
            // Confirms are awaited a window at a time, as a real publisher keeps many in flight.
            for (var i = 0; i < PublishWindow; i++)
            {
                window.Add(publisher.BasicPublishAsync(string.Empty, queue, mandatory: false, properties, body, cancellationToken).AsTask());
            }

            await Task.WhenAll(window);
            window.Clear();
        }

        var elapsed = clock.Elapsed;
        var deliveredInTime = Interlocked.Read(ref delivered);
        await publisher.QueueDeleteAsync(queue, ifUnused: false, ifEmpty: false, cancellationToken: cancellationToken);
        return deliveredInTime / elapsed.TotalSeconds;
    }
}
