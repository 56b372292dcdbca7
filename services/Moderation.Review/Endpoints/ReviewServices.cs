using Moderation.Messaging;
using Moderation.Review.Storage;

namespace Moderation.Review.Endpoints;

/// <summary>What the endpoints that record and publish events need, bound as one parameter.</summary>
internal sealed record ReviewServices(IReviewQueue Queue, ReliablePublisher Publisher, ReviewMetrics Metrics);
