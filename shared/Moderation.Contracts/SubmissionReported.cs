namespace Moderation.Contracts;

/// <summary>
/// A user report on a submission was counted on its review case. <see cref="ReportedBy"/> is the
/// authenticated principal that sent the report (the platform's client, reporting for its user).
/// </summary>
public sealed record SubmissionReported(
    Guid SubmissionId,
    Guid ReportId,
    string ReportedBy,
    int ReportCount,
    DateTimeOffset OccurredAt);
