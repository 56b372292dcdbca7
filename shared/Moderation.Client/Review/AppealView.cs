namespace Moderation.Client;

public sealed record AppealView(Guid AppealId, Guid AppealOf, string Reason, DateTimeOffset FiledAt, IReadOnlyList<string> ExcludedModerators);
