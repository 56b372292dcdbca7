using MassTransit;

namespace Moderation.Review.Consumers;

/// <summary>
/// What every review consumer's endpoint shares: the one <see cref="ReviewService.QueueName"/> queue.
/// Its concurrency is left to <c>Bus:ConcurrentMessageLimits</c> (else the prefetch count): the
/// changes of the messages in flight are written together by <see cref="ReviewQueueWrites"/>.
/// </summary>
public abstract class ReviewConsumerDefinition<TConsumer> : ConsumerDefinition<TConsumer>
    where TConsumer : class, IConsumer
{
    protected ReviewConsumerDefinition() => EndpointName = ReviewService.QueueName;
}
