using System.ComponentModel.DataAnnotations;

namespace Moderation.Messaging;

public sealed class BusOptions
{
    public const string Section = "Bus";

    public BusTransport Transport { get; set; } = BusTransport.InMemory;

    public RabbitMqOptions RabbitMq { get; set; } = new();

    /// <summary>Messages a RabbitMQ consumer holds unacknowledged at once.</summary>
    [Range(1, 10_000)]
    public int PrefetchCount { get; set; } = 128;

    /// <summary>
    /// Messages each queue's endpoint processes at once, by queue name (e.g. <c>classification: 16</c>);
    /// a queue not named keeps its service's choice, or else the prefetch count.
    /// </summary>
    public Dictionary<string, int> ConcurrentMessageLimits { get; set; } = [];

    /// <summary>
    /// How long start-up waits for the broker and for every queue to be bound. Start-up waits so that
    /// nothing is published before the consumers that must see it are listening.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:10:00")]
    public TimeSpan StartTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Waits between the immediate retries of a failing message, before it goes to the error queue.</summary>
    public List<int> RetryIntervalsMs { get; set; } = [100, 500, 2000];
}
