namespace Moderation.Contracts;

/// <summary>The classifier's view of one submission and the verdict the policy drew from it.</summary>
public sealed record ContentClassified(
    Guid SubmissionId,
    ContentKind Kind,
    Verdict Verdict,
    IReadOnlyDictionary<string, double> Scores,
    IReadOnlyList<ClassificationReason> Reasons,
    string ModelVersion,
    string PolicyVersion,
    DateTimeOffset OccurredAt);
