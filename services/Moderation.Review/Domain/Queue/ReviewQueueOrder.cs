namespace Moderation.Review.Domain.Queue;

/// <summary>
/// The order moderators are served in, defined once: items whose SLA ran out first (<see cref="Due"/>),
/// then by <see cref="ThenBy"/>: the worse first, then the one due sooner, then the older. Both
/// adapters render it; <see cref="Sort"/> is the same order in memory.
/// </summary>
public static class ReviewQueueOrder
{
    public static IReadOnlyList<QueueSortKey> ThenBy { get; } =
    [
        new(QueueField.Priority, Descending: true),
        new(QueueField.DueAt, Descending: false),
        new(QueueField.CreatedAt, Descending: false),
    ];

    /// <summary>The leading key, computed at <paramref name="now"/>: the item's SLA has run out.</summary>
    public static QueueCondition.AtOrBefore Due(DateTimeOffset now) => new(QueueField.DueAt, now);

    /// <summary>An undecided item whose SLA ran out: shown as past it, and counted.</summary>
    public static QueueCondition PastSla(DateTimeOffset now) => new QueueCondition.NotEqual(QueueField.State, ReviewItemState.Decided) & Due(now);

    public static IReadOnlyList<ReviewItem> Sort(IEnumerable<ReviewItem> items, DateTimeOffset now)
    {
        var due = Due(now);
        var sorted = items.OrderByDescending(due.IsMetBy);
        foreach (var key in ThenBy)
        {
            sorted = key.Descending ? sorted.ThenByDescending(i => i.ValueOf(key.Field)) : sorted.ThenBy(i => i.ValueOf(key.Field));
        }

        return [.. sorted];
    }
}
