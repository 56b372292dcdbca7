using MassTransit;

namespace Moderation.Audit.Consumers;

/// <summary>
/// The audit queue's endpoint. Its concurrency is left to <c>Bus:ConcurrentMessageLimits</c>: many
/// messages at a time, their appends written together by <see cref="AuditAppender"/>, is what keeps
/// the log up with the pipeline; the log keeps the order in which appends reached it, which for events
/// delivered within the same few milliseconds may differ from the queue's.
/// </summary>
public sealed class AuditTrailConsumerDefinition : ConsumerDefinition<AuditTrailConsumer>
{
    public AuditTrailConsumerDefinition() => EndpointName = AuditService.QueueName;
}
