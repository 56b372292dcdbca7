using Moderation.Contracts;

namespace Moderation.Client;

/// <summary>
/// A case as a moderator sees it. <see cref="ParentText"/> is the comment a reply answers;
/// <see cref="DueAt"/> is when its category's SLA runs out and <see cref="PastSla"/> says it has;
/// <see cref="Appeal"/> is set while the author's appeal of a removal is open or was decided.
/// </summary>
public sealed record ReviewItemView(
    Guid ItemId,
    Guid SubmissionId,
    ContentKind Kind,
    string? Title,
    string Text,
    Verdict Verdict,
    IReadOnlyDictionary<string, double> Scores,
    IReadOnlyList<ClassificationReason> Reasons,
    string TopCategory,
    double Priority,
    ReviewItemStatus Status,
    string? ClaimedBy,
    DateTimeOffset? LeaseUntil,
    DateTimeOffset CreatedAt,
    DecisionView? Decision,
    Guid? ParentCommentId = null,
    string? ParentText = null,
    int ReportCount = 0,
    DateTimeOffset? DueAt = null,
    bool PastSla = false,
    bool Escalated = false,
    AppealView? Appeal = null);
