using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json;
using Moderation.Contracts;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;

namespace Moderation.LoadDriver;

/// <summary>
/// Listens to the pipeline's own events on the broker (a private queue bound to MassTransit's
/// exchanges, the batch carriers' included) and notes when each submission got its verdict and its
/// final decision.
/// </summary>
public sealed class EventWatch : IAsyncDisposable
{
    private const string ClassifiedExchange = "Moderation.Contracts:ContentClassified";
    private const string DecidedExchange = "Moderation.Contracts:ModerationDecided";
    private const string BatchClassifiedExchange = "Moderation.Contracts:BatchClassified";
    private const string BatchDecidedExchange = "Moderation.Contracts:BatchDecided";

    private readonly IConnection _connection;
    private readonly IChannel _channel;
    private readonly Stopwatch _clock;

    private EventWatch(IConnection connection, IChannel channel, Stopwatch clock)
    {
        _connection = connection;
        _channel = channel;
        _clock = clock;
    }

    /// <summary>When (on the run's clock) each submission's verdict arrived, and the verdict.</summary>
    public ConcurrentDictionary<Guid, (TimeSpan At, string Verdict)> Verdicts { get; } = new();

    /// <summary>When, by the classifier's own clock, each submission was classified.</summary>
    public ConcurrentDictionary<Guid, DateTimeOffset> ClassifiedAt { get; } = new();

    /// <summary>When each submission's final decision arrived.</summary>
    public ConcurrentDictionary<Guid, TimeSpan> FinalDecisions { get; } = new();

    public static async Task<EventWatch> StartAsync(ConnectionFactory factory, Stopwatch clock, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(factory);
        var connection = await factory.CreateConnectionAsync(cancellationToken);
        var channel = await connection.CreateChannelAsync(cancellationToken: cancellationToken);
        var queue = (await channel.QueueDeclareAsync(string.Empty, durable: false, exclusive: true, autoDelete: true, cancellationToken: cancellationToken)).QueueName;
        foreach (var exchange in new[] { ClassifiedExchange, DecidedExchange, BatchClassifiedExchange, BatchDecidedExchange })
        {
            await channel.ExchangeDeclareAsync(exchange, ExchangeType.Fanout, durable: true, autoDelete: false, cancellationToken: cancellationToken);
            await channel.QueueBindAsync(queue, exchange, string.Empty, cancellationToken: cancellationToken);
        }

        var watch = new EventWatch(connection, channel, clock);
        var consumer = new AsyncEventingBasicConsumer(channel);
        consumer.ReceivedAsync += (_, delivery) =>
        {
            watch.Record(delivery.Exchange, delivery.Body.Span);
            return Task.CompletedTask;
        };
        await channel.BasicConsumeAsync(queue, autoAck: true, consumer, cancellationToken);
        return watch;
    }

    private void Record(string exchange, ReadOnlySpan<byte> body)
    {
        var at = _clock.Elapsed;
        using var envelope = JsonDocument.Parse(body.ToArray());
        var message = envelope.RootElement.GetProperty("message");
        switch (exchange)
        {
            case ClassifiedExchange:
                RecordVerdict(message, at);
                break;
            case DecidedExchange:
                RecordDecision(message, at);
                break;
            case BatchClassifiedExchange:
                foreach (var result in message.GetProperty("results").EnumerateArray())
                {
                    RecordVerdict(result, at);
                }

                break;
            case BatchDecidedExchange:
                foreach (var decision in message.GetProperty("decisions").EnumerateArray())
                {
                    RecordDecision(decision, at);
                }

                break;
        }
    }

    private void RecordVerdict(JsonElement classified, TimeSpan at)
    {
        var submissionId = classified.GetProperty("submissionId").GetGuid();
        Verdicts.TryAdd(submissionId, (at, VerdictName(classified.GetProperty("verdict"))));
        ClassifiedAt.TryAdd(submissionId, classified.GetProperty("occurredAt").GetDateTimeOffset());
    }

    private void RecordDecision(JsonElement decision, TimeSpan at)
    {
        if (decision.TryGetProperty("isFinal", out var isFinal) && isFinal.GetBoolean())
        {
            FinalDecisions.TryAdd(decision.GetProperty("submissionId").GetGuid(), at);
        }
    }

    /// <summary>MassTransit writes enums as numbers; the report names them.</summary>
    private static string VerdictName(JsonElement verdict) =>
        verdict.ValueKind == JsonValueKind.Number ? ((Verdict)verdict.GetInt32()).ToString().ToLowerInvariant() : verdict.ToString().ToLowerInvariant();

    public async ValueTask DisposeAsync()
    {
        await _channel.DisposeAsync();
        await _connection.DisposeAsync();
    }
}
