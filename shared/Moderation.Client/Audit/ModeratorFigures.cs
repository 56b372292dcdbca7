namespace Moderation.Client;

public sealed record ModeratorFigures(string Moderator, long Decisions, long Approved, long Removed, long Escalated);
