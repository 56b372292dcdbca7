using Moderation.Contracts;

namespace Moderation.Client;

public sealed record SubmissionView(
    Guid SubmissionId,
    ContentKind Kind,
    SubmissionStatus Status,
    Guid ArticleId,
    Guid? CommentId,
    Guid? ParentCommentId,
    string Source,
    DateTimeOffset ReceivedAt,
    Verdict? Verdict,
    IReadOnlyDictionary<string, double>? Scores,
    IReadOnlyList<ClassificationReason>? Reasons,
    string? ModelVersion,
    string? PolicyVersion,
    DecisionView? Decision,
    IReadOnlyList<TimelineEntry> Timeline);
