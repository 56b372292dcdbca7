namespace Moderation.Contracts;

/// <summary>
/// An admin moved the messages of an error queue back to its queue. It concerns no one submission, so
/// it carries a <see cref="RedriveId"/> of its own; <see cref="RedrivenBy"/> is the authenticated principal.
/// </summary>
public sealed record ErrorQueueRedriven(
    Guid RedriveId,
    string Queue,
    int Moved,
    string RedrivenBy,
    DateTimeOffset OccurredAt);
