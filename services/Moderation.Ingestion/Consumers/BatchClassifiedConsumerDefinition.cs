namespace Moderation.Ingestion.Consumers;

/// <summary>The endpoint settings of <see cref="BatchClassifiedConsumer"/>.</summary>
public sealed class BatchClassifiedConsumerDefinition : IngestionConsumerDefinition<BatchClassifiedConsumer>;
