namespace Moderation.Classification.Consumers;

/// <summary>The endpoint settings of <see cref="BatchSubmittedConsumer"/>.</summary>
public sealed class BatchSubmittedConsumerDefinition : ClassificationConsumerDefinition<BatchSubmittedConsumer>;
