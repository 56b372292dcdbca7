namespace Moderation.Ingestion.Consumers;

/// <summary>The endpoint settings of <see cref="BatchDecidedConsumer"/>.</summary>
public sealed class BatchDecidedConsumerDefinition : IngestionConsumerDefinition<BatchDecidedConsumer>;
