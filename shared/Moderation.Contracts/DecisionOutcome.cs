namespace Moderation.Contracts;

/// <summary>What a decision does to a submission.</summary>
public enum DecisionOutcome
{
    Approve,
    Remove,
    Escalate,
}
