using System.Text.Json;
using System.Text.Json.Serialization;
using Moderation.Contracts;
using Moderation.Ingestion.Domain;
using Moderation.Storage;

namespace Moderation.Ingestion.Storage;

/// <summary>
/// A submission of record as both adapters store it: a JSON document whose schema belongs to the
/// store (names and spellings fixed here, <see cref="SchemaVersion"/> in every document), so a change
/// of the public API's JSON changes nothing that is stored. Schema 1 was the record written with the
/// API's options and no version field; its names and spellings are the ones kept here, so it reads as
/// schema 2 does (its extra computed fields, <c>status</c> and <c>contentHash</c>, are ignored).
/// Schema 3 added who submitted it and its publisher (absent, so null, in older documents); the
/// version went up so that an older build refuses a document it would rewrite without its publisher.
/// </summary>
public sealed class SubmissionDocument : VersionedDocument
{
    public const int CurrentSchemaVersion = 3;

    [JsonPropertyName("submissionId")]
    public required Guid SubmissionId { get; init; }

    [JsonPropertyName("kind")]
    public required ContentKind Kind { get; init; }

    [JsonPropertyName("articleId")]
    public required Guid ArticleId { get; init; }

    [JsonPropertyName("commentId")]
    public Guid? CommentId { get; init; }

    [JsonPropertyName("parentCommentId")]
    public Guid? ParentCommentId { get; init; }

    [JsonPropertyName("source")]
    public required string Source { get; init; }

    [JsonPropertyName("title")]
    public required string Title { get; init; }

    [JsonPropertyName("body")]
    public required string Body { get; init; }

    [JsonPropertyName("url")]
    public string? Url { get; init; }

    [JsonPropertyName("author")]
    public string? Author { get; init; }

    [JsonPropertyName("externalId")]
    public string? ExternalId { get; init; }

    [JsonPropertyName("language")]
    public string? Language { get; init; }

    [JsonPropertyName("receivedAt")]
    public required DateTimeOffset ReceivedAt { get; init; }

    [JsonPropertyName("publishedAt")]
    public DateTimeOffset? PublishedAt { get; init; }

    [JsonPropertyName("submittedBy")]
    public string? SubmittedBy { get; init; }

    [JsonPropertyName("publisher")]
    public string? Publisher { get; init; }

    [JsonPropertyName("verdict")]
    public Verdict? Verdict { get; init; }

    [JsonPropertyName("scores")]
    public Dictionary<string, double>? Scores { get; init; }

    [JsonPropertyName("reasons")]
    public List<StoredReason>? Reasons { get; init; }

    [JsonPropertyName("modelVersion")]
    public string? ModelVersion { get; init; }

    [JsonPropertyName("policyVersion")]
    public string? PolicyVersion { get; init; }

    [JsonPropertyName("decision")]
    public StoredDecision? Decision { get; init; }

    [JsonPropertyName("timeline")]
    public List<StoredStatusChange> Timeline { get; init; } = [];

    [JsonPropertyName("openAppealOf")]
    public Guid? OpenAppealOf { get; init; }

    [JsonPropertyName("appliedEvents")]
    public List<string> AppliedEvents { get; init; } = [];

    public static string Serialize(SubmissionRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        return JsonSerializer.Serialize(new SubmissionDocument
        {
            SchemaVersion = CurrentSchemaVersion,
            SubmissionId = record.SubmissionId,
            Kind = record.Kind,
            ArticleId = record.ArticleId,
            CommentId = record.CommentId,
            ParentCommentId = record.ParentCommentId,
            Source = record.Source,
            Title = record.Title,
            Body = record.Body,
            Url = record.Url,
            Author = record.Author,
            ExternalId = record.ExternalId,
            Language = record.Language,
            ReceivedAt = record.ReceivedAt,
            PublishedAt = record.PublishedAt,
            SubmittedBy = record.SubmittedBy,
            Publisher = record.Publisher,
            Verdict = record.Verdict,
            Scores = record.Scores,
            Reasons = record.Reasons?.Select(StoredReason.From).ToList(),
            ModelVersion = record.ModelVersion,
            PolicyVersion = record.PolicyVersion,
            Decision = record.Decision is { } d ? new StoredDecision(d.DecisionId, d.Outcome, d.ActorKind, d.Actor, d.ReasonCode, d.Note, d.DecidedAt) : null,
            Timeline = [.. record.Timeline.Select(t => new StoredStatusChange(t.At, t.State, t.Detail))],
            OpenAppealOf = record.OpenAppealOf,
            AppliedEvents = record.AppliedEvents,
        }, StoreJson);
    }

    public static SubmissionRecord Deserialize(string json)
    {
        var document = Read<SubmissionDocument>(json, StoreJson, CurrentSchemaVersion, "submission");

        return new SubmissionRecord
        {
            SubmissionId = document.SubmissionId,
            Kind = document.Kind,
            ArticleId = document.ArticleId,
            CommentId = document.CommentId,
            ParentCommentId = document.ParentCommentId,
            Source = document.Source,
            Title = document.Title,
            Body = document.Body,
            Url = document.Url,
            Author = document.Author,
            ExternalId = document.ExternalId,
            Language = document.Language,
            ReceivedAt = document.ReceivedAt,
            PublishedAt = document.PublishedAt,
            SubmittedBy = document.SubmittedBy,
            Publisher = document.Publisher,
            Verdict = document.Verdict,
            Scores = document.Scores is null ? null : new Dictionary<string, double>(document.Scores, StringComparer.Ordinal),
            Reasons = document.Reasons?.Select(r => r.ToReason()).ToList(),
            ModelVersion = document.ModelVersion,
            PolicyVersion = document.PolicyVersion,
            Decision = document.Decision is { } d ? new RecordedDecision(d.DecisionId, d.Outcome, d.ActorKind, d.Actor, d.ReasonCode, d.Note, d.DecidedAt) : null,
            Timeline = [.. document.Timeline.Select(t => new StatusChange(t.At, t.Status, t.Detail))],
            OpenAppealOf = document.OpenAppealOf,
            AppliedEvents = document.AppliedEvents,
        };
    }

    public sealed record StoredDecision(
        [property: JsonPropertyName("decisionId")] Guid DecisionId,
        [property: JsonPropertyName("outcome")] DecisionOutcome Outcome,
        [property: JsonPropertyName("actorKind")] DecisionActorKind ActorKind,
        [property: JsonPropertyName("actor")] string Actor,
        [property: JsonPropertyName("reasonCode")] string ReasonCode,
        [property: JsonPropertyName("note")] string? Note,
        [property: JsonPropertyName("decidedAt")] DateTimeOffset DecidedAt);

    public sealed record StoredStatusChange(
        [property: JsonPropertyName("at")] DateTimeOffset At,
        [property: JsonPropertyName("status")] SubmissionState Status,
        [property: JsonPropertyName("detail")] string Detail);
}
