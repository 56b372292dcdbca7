using Moderation.Review.Domain;

namespace Moderation.Review.Storage;

/// <summary>One page of the queue, the number of items the query matches, and how many of those are undecided past their SLA.</summary>
public sealed record ReviewQueuePage(IReadOnlyList<ReviewItem> Items, long Total, long PastSla);
