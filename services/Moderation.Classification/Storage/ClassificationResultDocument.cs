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
            Reasons = [.. result.Reasons.Select(StoredReason.From)],
            ModelVersion = result.ModelVersion,
            PolicyVersion = result.PolicyVersion,
            OccurredAt = result.OccurredAt,
        }, StoreJson);
    }

    public static ContentClassified Deserialize(string json)
    {
        var document = Read<ClassificationResultDocument>(json, StoreJson, CurrentSchemaVersion, "classification result");
        return new ContentClassified(
            document.SubmissionId,
            document.Kind,
            document.Verdict,
            document.Scores,
            [.. document.Reasons.Select(r => r.ToReason())],
            document.ModelVersion,
            document.PolicyVersion,
            document.OccurredAt);
    }
}
