namespace Moderation.Review.Consumers;

/// <summary>The endpoint settings of <see cref="ReviewArticleSnapshotConsumer"/>.</summary>
public sealed class ReviewArticleSnapshotConsumerDefinition : ReviewConsumerDefinition<ReviewArticleSnapshotConsumer>;
