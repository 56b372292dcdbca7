namespace Moderation.Messaging;

/// <summary>
/// A store that keeps a "published" mark beside records that must become events. Together with
/// <see cref="PendingEventSweeper"/> this is the outbox: store, publish, mark; whatever stayed
/// unmarked (bus down, process killed between the steps) is published again later. Consumers are
/// idempotent, so a second publish of the same event changes nothing.
/// </summary>
public interface IPendingEventSource
{
    Task<IReadOnlyList<PendingEvent>> ListPendingAsync(DateTimeOffset storedBefore, int limit, CancellationToken cancellationToken);

    /// <summary>Marks the events of these keys as published, all of them or (on failure) possibly only some.</summary>
    Task MarkPublishedAsync(IReadOnlyCollection<string> keys, DateTimeOffset publishedAt, CancellationToken cancellationToken);
}
