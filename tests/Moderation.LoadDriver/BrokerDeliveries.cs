using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;

namespace Moderation.LoadDriver;

/// <summary>
/// The broker's deliveries from the pipeline's queues while the load runs, read from the management
/// API. That API refreshes its counters every few seconds (all queues of a virtual host at once), so
/// a count read at a given moment is the count of the last refresh: the rate is taken between the
/// first and the last refresh seen inside the measured window, each placed at the moment it was
/// first seen. Counting from before the run to after its last event instead would divide the
/// deliveries of the drain (final decisions that come seconds later) by a time that ends earlier.
/// </summary>
public sealed class BrokerDeliveries
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(250);

    private readonly List<(TimeSpan At, long Deliveries)> _refreshes = [];
    private readonly Lock _turn = new();
    private long? _lastSeen;
    private TimeSpan _lastAskedAt;

    /// <summary>The refreshes seen so far: when each was first seen and the count it brought.</summary>
    public IReadOnlyList<(TimeSpan At, long Deliveries)> Refreshes
    {
        get
        {
            using var turn = _turn.EnterScope();
            return [.. _refreshes];
        }
    }

    /// <summary>
    /// One reading of the counter, asked for at <paramref name="askedAt"/> and answered at
    /// <paramref name="answeredAt"/>. A count that differs from the previous reading is a refresh
    /// that happened between the previous question and this answer: it is placed halfway. The first
    /// reading only tells where counting starts.
    /// </summary>
    public void Observe(TimeSpan askedAt, TimeSpan answeredAt, long deliveries)
    {
        using var turn = _turn.EnterScope();
        if (_lastSeen is { } last && last != deliveries)
        {
            _refreshes.Add((_lastAskedAt + ((answeredAt - _lastAskedAt) / 2), deliveries));
        }

        _lastSeen = deliveries;
        _lastAskedAt = askedAt;
    }

    /// <summary>
    /// Deliveries per second between the first and the last refresh seen within [<paramref name="from"/>,
    /// <paramref name="to"/>]; null when fewer than two refreshes fell inside (a window shorter than
    /// about two of the API's refresh intervals).
    /// </summary>
    public double? RateBetween(TimeSpan from, TimeSpan to)
    {
        using var turn = _turn.EnterScope();
        var inside = _refreshes.Where(r => r.At >= from && r.At <= to).ToList();
        if (inside.Count < 2)
        {
            return null;
        }

        var (firstAt, firstCount) = inside[0];
        var (lastAt, lastCount) = inside[^1];
        return (lastCount - firstCount) / (lastAt - firstAt).TotalSeconds;
    }

    /// <summary>Reads the counter every 250 ms until cancelled; readings the API could not give are skipped.</summary>
    public async Task PollAsync(HttpClient management, string virtualHost, Stopwatch clock, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(clock);
        using var timer = new PeriodicTimer(PollInterval);
        try
        {
            do
            {
                var askedAt = clock.Elapsed;
                if (await CountAsync(management, virtualHost, cancellationToken) is { } deliveries)
                {
                    Observe(askedAt, clock.Elapsed, deliveries);
                }
            }
            while (await timer.WaitForNextTickAsync(cancellationToken));
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Stopping is how the caller ends the readings.
        }
    }

    /// <summary>
    /// Deliveries so far from the pipeline's queues in the virtual host (the driver's own queues left
    /// out), as of the API's last refresh; null where that API is not enabled.
    /// </summary>
    public static async Task<long?> CountAsync(HttpClient management, string virtualHost, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(management);
        try
        {
            var queues = await management.GetFromJsonAsync<JsonElement>($"/api/queues/{Uri.EscapeDataString(virtualHost)}", cancellationToken);
            return queues.EnumerateArray()
                .Where(q => q.GetProperty("name").GetString() is { } name && !name.StartsWith("amq.gen", StringComparison.Ordinal) && !name.StartsWith("moderation-load-", StringComparison.Ordinal))
                .Sum(q => q.TryGetProperty("message_stats", out var stats) && stats.ValueKind == JsonValueKind.Object && stats.TryGetProperty("deliver_get", out var delivered) ? delivered.GetInt64() : 0);
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException { InnerException: TimeoutException })
        {
            return null;
        }
    }
}
