namespace Moderation.Review.Domain.Queue;

/// <summary>One stored field the queue sorts by, and which way.</summary>
public sealed record QueueSortKey(QueueField Field, bool Descending);
