namespace Moderation.Client;

public sealed record AuditEntriesPage(IReadOnlyList<AuditEntryView> Entries, long? NextAfter);
