using System.Text.Json.Serialization;
using Moderation.Client;
using Moderation.Contracts;

namespace Moderation.Review.Domain;

/// <summary>A decision event stored with the item it decided, until it is published (the outbox).</summary>
public sealed record StoredDecision(ModerationDecided Event, DateTimeOffset? PublishedAt);

/// <summary>
/// A case in the review queue. It is assembled from two events that may arrive in either order:
/// the submission (the content snapshot) and its classification. It becomes claimable once both
/// are in and the verdict is Review.
/// </summary>
public sealed class ReviewItem
{
    public required Guid ItemId { get; init; }

    public required Guid SubmissionId { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    public ContentKind Kind { get; set; }

    public string? Title { get; set; }

    public string? Text { get; set; }

    public Verdict? Verdict { get; set; }

    public Dictionary<string, double> Scores { get; set; } = [];

    public List<ClassificationReason> Reasons { get; set; } = [];

    public string TopCategory { get; set; } = "";

    public double Priority { get; set; }

    public bool Escalated { get; set; }

    public DecisionView? Decision { get; set; }

    public List<StoredDecision> Decisions { get; set; } = [];

    /// <summary>Claim state lives beside the document in the store, so a claim is one atomic field update.</summary>
    [JsonIgnore]
    public ReviewItemStatus Status { get; set; } = ReviewItemStatus.Pending;

    [JsonIgnore]
    public string? ClaimedBy { get; set; }

    [JsonIgnore]
    public DateTimeOffset? LeaseUntil { get; set; }

    /// <summary>Both halves are in and a person has to look: the item is part of the queue.</summary>
    public bool IsQueued => Text is not null && Verdict == Contracts.Verdict.Review;

    public bool HasUnpublishedDecisions => Decisions.Any(d => d.PublishedAt is null);

    public static ReviewItem New(Guid submissionId, DateTimeOffset now) => new()
    {
        ItemId = Guid.CreateVersion7(),
        SubmissionId = submissionId,
        CreatedAt = now,
    };

    public bool IsClaimedByOther(string moderator, DateTimeOffset now) =>
        Status == ReviewItemStatus.Claimed && LeaseUntil > now && !string.Equals(ClaimedBy, moderator, StringComparison.Ordinal);

    public ReviewItemView ToView(DateTimeOffset now)
    {
        var leaseHeld = Status == ReviewItemStatus.Claimed && LeaseUntil > now;
        var status = Status == ReviewItemStatus.Claimed && !leaseHeld ? ReviewItemStatus.Pending : Status;
        return new ReviewItemView(ItemId, SubmissionId, Kind, Title, Text ?? "", Verdict ?? Contracts.Verdict.Review, Scores, Reasons,
            TopCategory, Priority, status, leaseHeld ? ClaimedBy : null, leaseHeld ? LeaseUntil : null, CreatedAt, Decision);
    }
}
