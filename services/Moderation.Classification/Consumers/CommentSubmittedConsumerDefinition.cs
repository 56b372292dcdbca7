namespace Moderation.Classification.Consumers;

/// <summary>The endpoint settings of <see cref="CommentSubmittedConsumer"/>.</summary>
public sealed class CommentSubmittedConsumerDefinition : ClassificationConsumerDefinition<CommentSubmittedConsumer>;
