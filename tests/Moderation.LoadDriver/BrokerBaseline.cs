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

    /// <summary>
    /// The limit as the median of <paramref name="rounds"/> measurements of <paramref name="roundDuration"/>
    /// each, so that one round slowed by something else on the machine does not set it; returns the
    /// median and every round's figure.
    /// </summary>
    public static async Task<(double Median, IReadOnlyList<double> Rounds)> MeasureRoundsAsync(
        ConnectionFactory factory, int rounds, TimeSpan roundDuration, int messageBytes, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(rounds, 1);
        var figures = new List<double>(rounds);
        for (var round = 0; round < rounds; round++)
        {
            figures.Add(await MeasureAsync(factory, roundDuration, messageBytes, cancellationToken));
        }

        return (Median(figures), figures);
    }

    /// <summary>The middle figure; for an even count, the mean of the two in the middle.</summary>
    public static double Median(IReadOnlyCollection<double> figures)
    {
        ArgumentNullException.ThrowIfNull(figures);
        ArgumentOutOfRangeException.ThrowIfZero(figures.Count);
        var sorted = figures.Order().ToArray();
        var middle = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }

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
