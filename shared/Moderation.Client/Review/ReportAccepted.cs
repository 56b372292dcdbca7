namespace Moderation.Client;

/// <summary>A user report counted on a submission's case; <see cref="Queued"/> says whether it is in the queue now.</summary>
public sealed record ReportAccepted(Guid SubmissionId, Guid ItemId, int ReportCount, bool Queued, double Priority);
