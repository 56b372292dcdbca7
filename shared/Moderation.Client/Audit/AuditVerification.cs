namespace Moderation.Client;

public sealed record AuditVerification(bool Ok, long Entries, long? FirstBrokenSequence);
