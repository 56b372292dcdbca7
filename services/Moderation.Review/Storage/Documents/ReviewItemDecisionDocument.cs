using System.Text.Json.Serialization;
using Moderation.Contracts;

namespace Moderation.Review.Storage.Documents;

/// <summary>A decision event kept with its item, as stored; <see cref="Event"/> is the event exactly as it is published.</summary>
public sealed record ReviewItemDecisionDocument(
    [property: JsonPropertyName("event")] ModerationDecided Event,
    [property: JsonPropertyName("publishedAt")] DateTimeOffset? PublishedAt);
