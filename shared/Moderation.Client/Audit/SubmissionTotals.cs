namespace Moderation.Client;

/// <summary>Submissions received in the period; <see cref="Pending"/> are not classified yet.</summary>
public sealed record SubmissionTotals(long Submissions, long Articles, long Comments, long Allow, long Review, long Block, long Pending);
