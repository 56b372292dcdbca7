using System.Text.Json;
using System.Text.Json.Serialization;
using Moderation.Contracts;
using Moderation.Review.Domain;
using Moderation.Storage;

namespace Moderation.Review.Storage.Documents;

/// <summary>
/// How both adapters store a review item: a JSON document of its own schema, written with options
/// of its own, so that a change to the public API's JSON never changes what is stored. Claim state
/// (state, holder, lease) is not in it: the adapters keep it in columns beside the document, so a
/// claim is one atomic update of those.
/// </summary>
/// <remarks>
/// Schema versions: 1 is what the first releases stored, the public API's JSON of the item (it has
/// no <c>schemaVersion</c>); it uses the names of 2 and adds fields derived from the rest
/// (<c>decision</c>, <c>isQueued</c>, <c>hasUnpublishedEvents</c>, <c>excludedModerators</c>), which
/// are ignored, so it reads as 2 does. 2 added <c>schemaVersion</c>. 3 added <c>publisher</c> (null
/// when absent); the version went up so that an older release refuses an item it would rewrite without it.
/// 4 added the appeal event's <c>filedBy</c> (null when absent), for the same reason: the sweeper
/// publishes the appeal from the stored event, and the audit log names its filer from it.
/// </remarks>
public sealed class ReviewItemDocument : VersionedDocument
{
    public const int CurrentSchemaVersion = 4;

    // Explicit names below; the events and reasons inside are the contracts' records, stored under these names.
    private static readonly JsonSerializerOptions Options = new(StoreJson) { PropertyNamingPolicy = JsonNamingPolicy.CamelCase };

    [JsonPropertyName("itemId")]
    public required Guid ItemId { get; init; }

    [JsonPropertyName("submissionId")]
    public required Guid SubmissionId { get; init; }

    [JsonPropertyName("createdAt")]
    public required DateTimeOffset CreatedAt { get; init; }

    [JsonPropertyName("kind")]
    public ContentKind Kind { get; init; }

    [JsonPropertyName("title")]
    public string? Title { get; init; }

    [JsonPropertyName("text")]
    public string? Text { get; init; }

    [JsonPropertyName("publisher")]
    public string? Publisher { get; init; }

    [JsonPropertyName("commentId")]
    public Guid? CommentId { get; init; }

    [JsonPropertyName("parentCommentId")]
    public Guid? ParentCommentId { get; init; }

    [JsonPropertyName("parentText")]
    public string? ParentText { get; init; }

    [JsonPropertyName("verdict")]
    public Verdict? Verdict { get; init; }

    [JsonPropertyName("policyVersion")]
    public string? PolicyVersion { get; init; }

    [JsonPropertyName("scores")]
    public Dictionary<string, double> Scores { get; init; } = [];

    [JsonPropertyName("reasons")]
    public List<ClassificationReason> Reasons { get; init; } = [];

    [JsonPropertyName("topCategory")]
    public string TopCategory { get; init; } = "";

    [JsonPropertyName("severity")]
    public double Severity { get; init; }

    [JsonPropertyName("priority")]
    public double Priority { get; init; }

    [JsonPropertyName("reportCount")]
    public int ReportCount { get; init; }

    [JsonPropertyName("dueAt")]
    public DateTimeOffset? DueAt { get; init; }

    [JsonPropertyName("escalated")]
    public bool Escalated { get; init; }

    [JsonPropertyName("decisions")]
    public List<ReviewItemDecisionDocument> Decisions { get; init; } = [];

    [JsonPropertyName("appeal")]
    public ReviewItemAppealDocument? Appeal { get; init; }

    public static string Write(ReviewItem item)
    {
        ArgumentNullException.ThrowIfNull(item);
        var document = new ReviewItemDocument
        {
            SchemaVersion = CurrentSchemaVersion,
            ItemId = item.ItemId,
            SubmissionId = item.SubmissionId,
            CreatedAt = item.CreatedAt,
            Kind = item.Kind,
            Title = item.Title,
            Text = item.Text,
            Publisher = item.Publisher,
            CommentId = item.CommentId,
            ParentCommentId = item.ParentCommentId,
            ParentText = item.ParentText,
            Verdict = item.Verdict,
            PolicyVersion = item.PolicyVersion,
            Scores = item.Scores,
            Reasons = item.Reasons,
            TopCategory = item.TopCategory,
            Severity = item.Severity,
            Priority = item.Priority,
            ReportCount = item.ReportCount,
            DueAt = item.DueAt,
            Escalated = item.Escalated,
            Decisions = [.. item.Decisions.Select(d => new ReviewItemDecisionDocument(d.Event, d.PublishedAt))],
            Appeal = item.Appeal is { } appeal ? new ReviewItemAppealDocument(appeal.Event, appeal.ExcludedModerators, appeal.PublishedAt) : null,
        };
        return JsonSerializer.Serialize(document, Options);
    }

    /// <summary>The item a stored document describes, with the claim state the adapter keeps beside it.</summary>
    public static ReviewItem Read(string json, ReviewItemState state, string? claimedBy, DateTimeOffset? leaseUntil)
    {
        var document = Read<ReviewItemDocument>(json, Options, CurrentSchemaVersion, "review item");

        return new ReviewItem
        {
            ItemId = document.ItemId,
            SubmissionId = document.SubmissionId,
            CreatedAt = document.CreatedAt,
            Kind = document.Kind,
            Title = document.Title,
            Text = document.Text,
            Publisher = document.Publisher,
            CommentId = document.CommentId,
            ParentCommentId = document.ParentCommentId,
            ParentText = document.ParentText,
            Verdict = document.Verdict,
            PolicyVersion = document.PolicyVersion,
            Scores = document.Scores,
            Reasons = document.Reasons,
            TopCategory = document.TopCategory,
            Severity = document.Severity,
            Priority = document.Priority,
            ReportCount = document.ReportCount,
            DueAt = document.DueAt,
            Escalated = document.Escalated,
            Decisions = [.. document.Decisions.Select(d => new ReviewItemDecision(d.Event, d.PublishedAt))],
            Appeal = document.Appeal is { } appeal ? new ReviewItemAppeal(appeal.Event, appeal.ExcludedModerators, appeal.PublishedAt) : null,
            State = state,
            ClaimedBy = claimedBy,
            LeaseUntil = leaseUntil,
        };
    }
}
