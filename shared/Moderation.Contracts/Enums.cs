namespace Moderation.Contracts;

public enum ContentKind
{
    Article,
    Comment,
}

/// <summary>What the policy says should happen to a piece of content.</summary>
public enum Verdict
{
    Allow,
    Review,
    Block,
}

/// <summary>What a decision does to a submission.</summary>
public enum DecisionOutcome
{
    Approve,
    Remove,
    Escalate,
}

/// <summary>Who made a decision: the policy on its own, or a person.</summary>
public enum DecisionActorKind
{
    Policy,
    Moderator,
}
