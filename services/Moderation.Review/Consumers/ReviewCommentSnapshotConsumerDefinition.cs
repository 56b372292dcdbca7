namespace Moderation.Review.Consumers;

/// <summary>The endpoint settings of <see cref="ReviewCommentSnapshotConsumer"/>.</summary>
public sealed class ReviewCommentSnapshotConsumerDefinition : ReviewConsumerDefinition<ReviewCommentSnapshotConsumer>;
