namespace Moderation.Review.Consumers;

/// <summary>The endpoint settings of <see cref="ReviewBatchClassifiedConsumer"/>.</summary>
public sealed class ReviewBatchClassifiedConsumerDefinition : ReviewConsumerDefinition<ReviewBatchClassifiedConsumer>;
