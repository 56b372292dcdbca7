namespace Moderation.Audit.Domain.Dashboard;

/// <summary>Submissions received in the period; <see cref="Pending"/> are not classified yet.</summary>
public sealed record SubmissionCounts(long Submissions, long Articles, long Comments, long Allow, long Review, long Block, long Pending);
