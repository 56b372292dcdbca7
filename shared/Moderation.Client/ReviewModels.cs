using Moderation.Contracts;

namespace Moderation.Client;

public enum ReviewItemStatus
{
    Pending,
    Claimed,
    Decided,
}

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
    DecisionView? Decision);

public sealed record ReviewItemsPage(IReadOnlyList<ReviewItemView> Items, int Page, int PageSize, long Total);

public sealed record ClaimRequest(int? Count = null);

public sealed record ClaimResult(IReadOnlyList<ReviewItemView> Items);

public sealed record DecisionRequest(
    DecisionOutcome? Decision,
    string? Reason,
    string? Note = null,
    IReadOnlyDictionary<string, int>? Labels = null);
