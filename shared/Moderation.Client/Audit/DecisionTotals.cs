namespace Moderation.Client;

/// <summary>Decisions taken in the period, the policy's own and moderators', escalations included.</summary>
public sealed record DecisionTotals(long Decisions, long ByPolicy, long ByModerators, long Approved, long Removed, long Escalated);
