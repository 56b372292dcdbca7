namespace Moderation.Messaging.Tests;

/// <summary>An outbox source in memory: events stored at the clock's time, marked when published.</summary>
public sealed class StoredEvents(TimeProvider clock) : IPendingEventSource
{
    private readonly Lock _lock = new();
    private readonly List<(PendingEvent Event, DateTimeOffset StoredAt)> _unmarked = [];
    private readonly TaskCompletionSource _firstMark = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public List<string> Marked { get; } = [];

    /// <summary>Completes when any event is marked as published.</summary>
    public Task FirstMark => _firstMark.Task;

    public PendingEvent Store(string key)
    {
        var pending = new PendingEvent(key, new StoredMessage(key));
        lock (_lock)
        {
            _unmarked.Add((pending, clock.GetUtcNow()));
        }

        return pending;
    }

    public Task<IReadOnlyList<PendingEvent>> ListPendingAsync(DateTimeOffset storedBefore, int limit, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            return Task.FromResult<IReadOnlyList<PendingEvent>>([.. _unmarked.Where(e => e.StoredAt < storedBefore).Take(limit).Select(e => e.Event)]);
        }
    }

    public Task MarkPublishedAsync(IReadOnlyCollection<string> keys, DateTimeOffset publishedAt, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            _unmarked.RemoveAll(e => keys.Contains(e.Event.Key));
            Marked.AddRange(keys);
        }

        _firstMark.TrySetResult();
        return Task.CompletedTask;
    }
}

/// <summary>The message a stored event becomes.</summary>
public sealed record StoredMessage(string Key);
