namespace Moderation.Ingestion.Consumers;

/// <summary>The endpoint settings of <see cref="SubmissionAppealedConsumer"/>.</summary>
public sealed class SubmissionAppealedConsumerDefinition : IngestionConsumerDefinition<SubmissionAppealedConsumer>;
