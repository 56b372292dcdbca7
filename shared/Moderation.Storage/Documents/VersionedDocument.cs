using System.Text.Json;
using System.Text.Json.Serialization;

namespace Moderation.Storage;

/// <summary>
/// A stored JSON document whose schema belongs to the store and says its version, so what is stored
/// does not change when the public API's JSON does, and a document written by a newer build is
/// refused rather than misread.
/// </summary>
public abstract class VersionedDocument
{
    /// <summary>Absent in the documents of schema 1, written before schemas had versions, so it reads as 1 there.</summary>
    [JsonPropertyName("schemaVersion")]
    [JsonPropertyOrder(-1)]
    public int SchemaVersion { get; init; } = 1;

    /// <summary>
    /// The options stored documents are written and read with: enums by their snake_case names (a
    /// number is refused), every property under the name its document fixes.
    /// </summary>
    public static JsonSerializerOptions StoreJson { get; } = new()
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower, allowIntegerValues: false) },
    };

    public static TDocument Read<TDocument>(string json, JsonSerializerOptions options, int currentSchemaVersion, string what)
        where TDocument : VersionedDocument
    {
        var document = JsonSerializer.Deserialize<TDocument>(json, options) ?? throw new InvalidDataException($"A stored {what} is empty.");
        return document.SchemaVersion <= currentSchemaVersion
            ? document
            : throw new InvalidDataException($"A stored {what} has schema {document.SchemaVersion}, written by a newer release; this build reads up to {currentSchemaVersion}.");
    }
}
