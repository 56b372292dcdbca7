namespace Moderation.Review.Consumers;

/// <summary>The endpoint settings of <see cref="ReviewBatchSnapshotConsumer"/>.</summary>
public sealed class ReviewBatchSnapshotConsumerDefinition : ReviewConsumerDefinition<ReviewBatchSnapshotConsumer>;
