namespace Moderation.Audit.Domain;

public sealed record ModeratorReading(string Moderator, long Decisions, long Approved, long Removed, long Escalated);
