namespace Moderation.Client;

/// <summary>
/// Final decisions taken on a submission that already had one: <see cref="Upheld"/> kept the earlier
/// outcome, <see cref="Overturned"/> changed it.
/// </summary>
public sealed record AppealFigures(long Decided, long Upheld, long Overturned);
