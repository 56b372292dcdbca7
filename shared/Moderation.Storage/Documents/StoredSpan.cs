using System.Text.Json.Serialization;

namespace Moderation.Storage;

/// <summary>Where in a field a stored reason's evidence stands.</summary>
public sealed record StoredSpan([property: JsonPropertyName("start")] int Start, [property: JsonPropertyName("end")] int End);
