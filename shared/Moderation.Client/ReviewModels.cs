using Moderation.Contracts;

namespace Moderation.Client;

public enum ReviewItemStatus
{
    Pending,
    Claimed,
    Decided,
}

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

public sealed record AppealView(Guid AppealId, Guid AppealOf, string Reason, DateTimeOffset FiledAt, IReadOnlyList<string> ExcludedModerators);

/// <summary>One page of the queue; <see cref="PastSla"/> counts the undecided items (of the filter) past their SLA.</summary>
public sealed record ReviewItemsPage(IReadOnlyList<ReviewItemView> Items, int Page, int PageSize, long Total, long PastSla = 0);

public sealed record ClaimRequest(int? Count = null);

public sealed record ClaimResult(IReadOnlyList<ReviewItemView> Items);

public sealed record DecisionRequest(
    DecisionOutcome? Decision,
    string? Reason,
    string? Note = null,
    IReadOnlyDictionary<string, int>? Labels = null);

public sealed record BulkDecisionRequest(
    IReadOnlyList<Guid>? ItemIds,
    DecisionOutcome? Decision,
    string? Reason,
    string? Note = null,
    IReadOnlyDictionary<string, int>? Labels = null);

/// <summary>What became of one item of a bulk decision: its HTTP-like status, the item when decided, why not otherwise.</summary>
public sealed record BulkDecisionItemResult(Guid ItemId, int Status, ReviewItemView? Item, string? Error);

/// <summary>
/// What a bulk decision did: every item's result, in the order asked, and the items it left alone
/// (<see cref="Skipped"/>): a bulk decision takes only items the caller holds or nobody holds.
/// </summary>
public sealed record BulkDecisionResult(int Decided, int Refused, IReadOnlyList<BulkDecisionItemResult> Results)
{
    public IReadOnlyList<BulkDecisionSkip> Skipped { get; init; } = [];
}

/// <summary>
/// An item a bulk decision left alone, and why: <c>claimed-by-other</c>, <c>already-decided</c>,
/// <c>not-found</c>, <c>needs-senior-moderator</c> or <c>removed-by-caller</c>.
/// </summary>
public sealed record BulkDecisionSkip(Guid ItemId, string Reason);

public sealed record ReportRequest(Guid? SubmissionId, string? Reason);

/// <summary>A user report counted on a submission's case; <see cref="Queued"/> says whether it is in the queue now.</summary>
public sealed record ReportAccepted(Guid SubmissionId, Guid ItemId, int ReportCount, bool Queued, double Priority);

public sealed record AppealRequest(Guid? SubmissionId, string? Reason);

public sealed record AppealAccepted(Guid AppealId, Guid SubmissionId, Guid ItemId, Guid AppealOf);
