using Moderation.Contracts;

namespace Moderation.Review.Domain;

/// <summary>A decision event stored with the item it decided, until it is published (the outbox).</summary>
public sealed record ReviewItemDecision(ModerationDecided Event, DateTimeOffset? PublishedAt);
