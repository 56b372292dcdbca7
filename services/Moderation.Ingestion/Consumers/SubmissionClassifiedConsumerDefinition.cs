namespace Moderation.Ingestion.Consumers;

/// <summary>The endpoint settings of <see cref="SubmissionClassifiedConsumer"/>.</summary>
public sealed class SubmissionClassifiedConsumerDefinition : IngestionConsumerDefinition<SubmissionClassifiedConsumer>;
