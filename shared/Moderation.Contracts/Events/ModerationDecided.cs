namespace Moderation.Contracts;

/// <summary>
/// A decision on a submission. <see cref="IsFinal"/> is false for an escalation, which hands the
/// case to a senior moderator rather than closing it. <see cref="AppealOf"/> names the removal an
/// appeal contested when the decision was taken on that appeal.
/// </summary>
public sealed record ModerationDecided(
    Guid SubmissionId,
    Guid DecisionId,
    DecisionOutcome Outcome,
    DecisionActorKind ActorKind,
    string Actor,
    string ReasonCode,
    string? Note,
    IReadOnlyDictionary<string, int>? Labels,
    bool IsFinal,
    DateTimeOffset OccurredAt,
    Guid? AppealOf = null);
