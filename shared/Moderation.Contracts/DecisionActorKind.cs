namespace Moderation.Contracts;

/// <summary>Who made a decision: the policy on its own, or a person.</summary>
public enum DecisionActorKind
{
    Policy,
    Moderator,
}
