namespace Moderation.Classification.Consumers;

/// <summary>The endpoint settings of <see cref="BatchDecidedLearningConsumer"/>.</summary>
public sealed class BatchDecidedLearningConsumerDefinition : ClassificationConsumerDefinition<BatchDecidedLearningConsumer>;
