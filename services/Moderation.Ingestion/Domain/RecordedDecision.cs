using Moderation.Contracts;

namespace Moderation.Ingestion.Domain;

/// <summary>The final decision taken on a submission, as its <see cref="ModerationDecided"/> event told it.</summary>
public sealed record RecordedDecision(
    Guid DecisionId,
    DecisionOutcome Outcome,
    DecisionActorKind ActorKind,
    string Actor,
    string ReasonCode,
    string? Note,
    DateTimeOffset DecidedAt);
