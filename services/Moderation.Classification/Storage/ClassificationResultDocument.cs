using System.Text.Json;
using System.Text.Json.Serialization;
using Moderation.Contracts;

using Moderation.Storage;

namespace Moderation.Classification.Storage;

/// <summary>
/// The result given for a submission, as both adapters store it: a JSON document whose schema belongs
/// to the store (names and spellings fixed here, <see cref="SchemaVersion"/> in every document), so a
/// change of the event's or the public API's JSON changes nothing that is stored. Schema 1 was the
/// <see cref="ContentClassified"/> event in the API's JSON, without a version field; its names and
/// spellings are the ones kept here, so it reads as schema 2 does.
/// </summary>
public sealed class ClassificationResultDocument : VersionedDocument
{
    public const int CurrentSchemaVersion = 2;

    private static readonly JsonSerializerOptions Json = new()
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower, allowIntegerValues: false) },
    };

    [JsonPropertyName("submissionId")]
    public required Guid SubmissionId { get; init; }

    [JsonPropertyName("kind")]
    public required ContentKind Kind { get; init; }

    [JsonPropertyName("verdict")]
    public required Verdict Verdict { get; init; }

    [JsonPropertyName("scores")]
    public required Dictionary<string, double> Scores { get; init; }

    [JsonPropertyName("reasons")]
    public required List<StoredReason> Reasons { get; init; }

    [JsonPropertyName("modelVersion")]
    public required string ModelVersion { get; init; }

    [JsonPropertyName("policyVersion")]
    public required string PolicyVersion { get; init; }

    [JsonPropertyName("occurredAt")]
    public required DateTimeOffset OccurredAt { get; init; }

    public static string Serialize(ContentClassified result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return JsonSerializer.Serialize(new ClassificationResultDocument
        {
            SchemaVersion = CurrentSchemaVersion,
            SubmissionId = result.SubmissionId,
            Kind = result.Kind,
            Verdict = result.Verdict,
            Scores = new Dictionary<string, double>(result.Scores, StringComparer.Ordinal),
            Reasons = [.. result.Reasons.Select(r => new StoredReason(r.Category, r.Source, r.Detail, r.Field, new StoredSpan(r.Span.Start, r.Span.End)))],
            ModelVersion = result.ModelVersion,
            PolicyVersion = result.PolicyVersion,
            OccurredAt = result.OccurredAt,
        }, Json);
    }

    public static ContentClassified Deserialize(string json)
    {
        var document = Read<ClassificationResultDocument>(json, Json, CurrentSchemaVersion, "classification result");
        return new ContentClassified(
            document.SubmissionId,
            document.Kind,
            document.Verdict,
            document.Scores,
            [.. document.Reasons.Select(r => new ClassificationReason(r.Category, r.Source, r.Detail, r.Field, new EvidenceSpan(r.Span.Start, r.Span.End)))],
            document.ModelVersion,
            document.PolicyVersion,
            document.OccurredAt);
    }

    public sealed record StoredReason(
        [property: JsonPropertyName("category")] string Category,
        [property: JsonPropertyName("source")] string Source,
        [property: JsonPropertyName("detail")] string Detail,
        [property: JsonPropertyName("field")] string Field,
        [property: JsonPropertyName("span")] StoredSpan Span);

    public sealed record StoredSpan([property: JsonPropertyName("start")] int Start, [property: JsonPropertyName("end")] int End);
}
