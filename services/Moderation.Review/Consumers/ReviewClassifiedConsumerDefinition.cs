namespace Moderation.Review.Consumers;

/// <summary>The endpoint settings of <see cref="ReviewClassifiedConsumer"/>.</summary>
public sealed class ReviewClassifiedConsumerDefinition : ReviewConsumerDefinition<ReviewClassifiedConsumer>;
