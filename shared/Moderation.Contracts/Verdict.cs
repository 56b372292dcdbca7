namespace Moderation.Contracts;

/// <summary>What the policy says should happen to a piece of content.</summary>
public enum Verdict
{
    Allow,
    Review,
    Block,
}
