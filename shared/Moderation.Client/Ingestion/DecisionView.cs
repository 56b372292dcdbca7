using Moderation.Contracts;

namespace Moderation.Client;

/// <summary>
/// A decision on a submission. To the submission's publisher a moderator's decision shows its outcome
/// and public reason only: <see cref="Actor"/> and <see cref="Note"/> are null unless an admin reads it.
/// </summary>
public sealed record DecisionView(
    Guid DecisionId,
    DecisionOutcome Outcome,
    DecisionActorKind ActorKind,
    string? Actor,
    string ReasonCode,
    string? Note,
    DateTimeOffset DecidedAt);
