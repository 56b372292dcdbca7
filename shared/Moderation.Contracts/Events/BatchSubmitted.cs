namespace Moderation.Contracts;

/// <summary>
/// Submissions accepted together through the batch endpoint, carried as one message so that a
/// batch of hundreds costs the broker a few deliveries instead of hundreds. Every item is exactly
/// the event it would have been on its own, and consumers act on each as they would on that event,
/// in the order given. A submission of a batch that could not be published with it is published
/// later on its own, so a consumer of these also consumes the single events.
/// </summary>
public sealed record BatchSubmitted(
    Guid BatchId,
    IReadOnlyList<ArticleSubmitted> Articles,
    IReadOnlyList<CommentSubmitted> Comments,
    DateTimeOffset OccurredAt);
