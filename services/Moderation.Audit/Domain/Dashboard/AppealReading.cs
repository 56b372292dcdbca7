namespace Moderation.Audit.Domain.Dashboard;

/// <summary>
/// Final decisions taken on a submission that already had one: <see cref="Upheld"/> kept the earlier
/// outcome, <see cref="Overturned"/> changed it.
/// </summary>
public sealed record AppealReading(long Decided, long Upheld, long Overturned);
