using System.Text.Json.Serialization;
using Moderation.Contracts;

namespace Moderation.Review.Storage.Documents;

/// <summary>An author's appeal kept with its item, as stored; <see cref="Event"/> is the event exactly as it is published.</summary>
public sealed record ReviewItemAppealDocument(
    [property: JsonPropertyName("event")] AppealFiled Event,
    [property: JsonPropertyName("excludedModerators")] IReadOnlyList<string> ExcludedModerators,
    [property: JsonPropertyName("publishedAt")] DateTimeOffset? PublishedAt);
