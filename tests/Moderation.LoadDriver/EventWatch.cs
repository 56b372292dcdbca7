using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json;
using Moderation.Contracts;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;

namespace Moderation.LoadDriver;

/// <summary>
/// Listens to the pipeline's own events on the broker (a private queue bound to MassTransit's
/// exchanges) and notes when each submission got its verdict and its final decision.
/// </summary>
public sealed class EventWatch : IAsyncDisposable
{
    private const string ClassifiedExchange = "Moderation.Contracts:ContentClassified";
    private const string DecidedExchange = "Moderation.Contracts:ModerationDecided";

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

    /// <summary>When each submission's final decision arrived.</summary>
    public ConcurrentDictionary<Guid, TimeSpan> FinalDecisions { get; } = new();

    public static async Task<EventWatch> StartAsync(ConnectionFactory factory, Stopwatch clock, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(factory);
        var connection = await factory.CreateConnectionAsync(cancellationToken);
        var channel = await connection.CreateChannelAsync(cancellationToken: cancellationToken);
        var queue = (await channel.QueueDeclareAsync(string.Empty, durable: false, exclusive: true, autoDelete: true, cancellationToken: cancellationToken)).QueueName;
        foreach (var exchange in new[] { ClassifiedExchange, DecidedExchange })
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
        var submissionId = message.GetProperty("submissionId").GetGuid();
        if (exchange == ClassifiedExchange)
        {
            Verdicts.TryAdd(submissionId, (at, VerdictName(message.GetProperty("verdict"))));
        }
        else if (message.TryGetProperty("isFinal", out var isFinal) && isFinal.GetBoolean())
        {
            FinalDecisions.TryAdd(submissionId, at);
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
