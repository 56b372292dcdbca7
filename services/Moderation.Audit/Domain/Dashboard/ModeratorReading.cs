namespace Moderation.Audit.Domain.Dashboard;

public sealed record ModeratorReading(string Moderator, long Decisions, long Approved, long Removed, long Escalated);
