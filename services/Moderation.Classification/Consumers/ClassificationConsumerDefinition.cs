using MassTransit;

namespace Moderation.Classification.Consumers;

/// <summary>
/// What every classification consumer's endpoint shares: the one <see cref="ClassificationService.QueueName"/>
/// queue. Its concurrency is left to <c>Bus:ConcurrentMessageLimits</c> (else the prefetch count):
/// the submissions of the messages in flight are classified together by <see cref="SingleSubmissions"/>,
/// which is what keeps the encoder's batches full.
/// </summary>
public abstract class ClassificationConsumerDefinition<TConsumer> : ConsumerDefinition<TConsumer>
    where TConsumer : class, IConsumer
{
    protected ClassificationConsumerDefinition() => EndpointName = ClassificationService.QueueName;
}
