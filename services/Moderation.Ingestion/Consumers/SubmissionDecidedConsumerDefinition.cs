namespace Moderation.Ingestion.Consumers;

/// <summary>The endpoint settings of <see cref="SubmissionDecidedConsumer"/>.</summary>
public sealed class SubmissionDecidedConsumerDefinition : IngestionConsumerDefinition<SubmissionDecidedConsumer>;
