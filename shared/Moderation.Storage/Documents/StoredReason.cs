using System.Text.Json.Serialization;
using Moderation.Contracts;

namespace Moderation.Storage;

/// <summary>
/// A classification reason as stored documents keep it, under names fixed here rather than by the
/// contract's JSON, so a change to the event's wire format changes nothing stored.
/// </summary>
public sealed record StoredReason(
    [property: JsonPropertyName("category")] string Category,
    [property: JsonPropertyName("source")] string Source,
    [property: JsonPropertyName("detail")] string Detail,
    [property: JsonPropertyName("field")] string Field,
    [property: JsonPropertyName("span")] StoredSpan Span)
{
    public static StoredReason From(ClassificationReason reason)
    {
        ArgumentNullException.ThrowIfNull(reason);
        return new(reason.Category, reason.Source, reason.Detail, reason.Field, new StoredSpan(reason.Span.Start, reason.Span.End));
    }

    public ClassificationReason ToReason() => new(Category, Source, Detail, Field, new EvidenceSpan(Span.Start, Span.End));
}
