using System.Text.Json;
using System.Text.Json.Serialization;
using Moderation.Classification.Learning;
using Moderation.Storage;

namespace Moderation.Classification.Storage;

/// <summary>
/// A site model version's description (not its bytes) as both adapters store it: a JSON document
/// whose schema belongs to the store, with <see cref="SchemaVersion"/> in every document. Schema 1
/// was the public API's <c>ModelVersionView</c> in the API's JSON, without a version field; its names
/// are the ones kept here, so it reads as schema 2 does. Whether a version is promoted is kept beside
/// the document, not in it, as promoting another version changes it.
/// </summary>
public sealed class ModelVersionDocument : VersionedDocument
{
    public const int CurrentSchemaVersion = 2;

    [JsonPropertyName("version")]
    public required string Version { get; init; }

    [JsonPropertyName("createdAt")]
    public required DateTimeOffset CreatedAt { get; init; }

    [JsonPropertyName("trainingExamples")]
    public required int TrainingExamples { get; init; }

    [JsonPropertyName("heldOutExamples")]
    public required int HeldOutExamples { get; init; }

    [JsonPropertyName("macroAuprc")]
    public required double MacroAuprc { get; init; }

    [JsonPropertyName("baselineMacroAuprc")]
    public required double BaselineMacroAuprc { get; init; }

    [JsonPropertyName("comparedWith")]
    public required string ComparedWith { get; init; }

    [JsonPropertyName("categories")]
    public required Dictionary<string, StoredCategory> Categories { get; init; }

    [JsonPropertyName("promotedCategories")]
    public List<string>? PromotedCategories { get; init; }

    public static string Serialize(SiteModelVersion model)
    {
        ArgumentNullException.ThrowIfNull(model);
        return JsonSerializer.Serialize(new ModelVersionDocument
        {
            SchemaVersion = CurrentSchemaVersion,
            Version = model.Version,
            CreatedAt = model.CreatedAt,
            TrainingExamples = model.TrainingExamples,
            HeldOutExamples = model.HeldOutExamples,
            MacroAuprc = model.MacroAuprc,
            BaselineMacroAuprc = model.BaselineMacroAuprc,
            ComparedWith = model.ComparedWith,
            Categories = model.Categories.ToDictionary(c => c.Key, c => new StoredCategory(
                c.Value.Positives, c.Value.HeldOut, c.Value.Precision, c.Value.Recall, c.Value.F1, c.Value.Auprc,
                c.Value.BaselineAuprc, c.Value.BaselineF1, c.Value.Promoted, c.Value.Threshold), StringComparer.Ordinal),
            PromotedCategories = model.PromotedCategories?.ToList(),
        }, StoreJson);
    }

    /// <summary>The version the document describes, promoted or not as the store says.</summary>
    public static SiteModelVersion Deserialize(string json, bool promoted)
    {
        var document = Read<ModelVersionDocument>(json, StoreJson, CurrentSchemaVersion, "model version");
        return new SiteModelVersion(
            document.Version,
            document.CreatedAt,
            promoted,
            document.TrainingExamples,
            document.HeldOutExamples,
            document.MacroAuprc,
            document.BaselineMacroAuprc,
            document.ComparedWith,
            document.Categories.ToDictionary(c => c.Key, c => new CategoryEvaluation(
                c.Value.Positives, c.Value.HeldOut, c.Value.Precision, c.Value.Recall, c.Value.F1, c.Value.Auprc,
                c.Value.BaselineAuprc, c.Value.BaselineF1, c.Value.Promoted, c.Value.Threshold), StringComparer.Ordinal),
            document.PromotedCategories);
    }

    public sealed record StoredCategory(
        [property: JsonPropertyName("positives")] int Positives,
        [property: JsonPropertyName("heldOut")] int HeldOut,
        [property: JsonPropertyName("precision")] double Precision,
        [property: JsonPropertyName("recall")] double Recall,
        [property: JsonPropertyName("f1")] double F1,
        [property: JsonPropertyName("auprc")] double Auprc,
        [property: JsonPropertyName("baselineAuprc")] double? BaselineAuprc,
        [property: JsonPropertyName("baselineF1")] double? BaselineF1,
        [property: JsonPropertyName("promoted")] bool? Promoted,
        [property: JsonPropertyName("threshold")] double? Threshold);
}
