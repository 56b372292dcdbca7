namespace Moderation.Client;

public sealed record ReportRequest(Guid? SubmissionId, string? Reason);
