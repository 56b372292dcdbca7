using MassTransit;

namespace Moderation.Ingestion.Consumers;

/// <summary>
/// What every ingestion consumer's endpoint shares: the one <see cref="IngestionService.QueueName"/>
/// queue. Its concurrency is left to <c>Bus:ConcurrentMessageLimits</c> (else the prefetch count):
/// the status changes of the messages in flight are written together by <see cref="StatusUpdates"/>.
/// </summary>
public abstract class IngestionConsumerDefinition<TConsumer> : ConsumerDefinition<TConsumer>
    where TConsumer : class, IConsumer
{
    protected IngestionConsumerDefinition() => EndpointName = IngestionService.QueueName;
}
