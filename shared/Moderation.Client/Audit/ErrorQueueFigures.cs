namespace Moderation.Client;

/// <summary>
/// Messages that failed every retry and wait in an error queue (<c>&lt;queue&gt;_error</c>) until an
/// admin re-drives them, counted on the broker as the overview is read, per queue of the pipeline.
/// <see cref="Counted"/> is false when they cannot be counted (the in-memory bus, or the broker out of
/// reach): <see cref="Messages"/> is then 0, <see cref="Queues"/> empty, and <see cref="Note"/> says why.
/// </summary>
public sealed record ErrorQueueFigures(bool Counted, long Messages, IReadOnlyList<ErrorQueueView> Queues, string? Note);
