using MassTransit;
using Microsoft.Extensions.Options;

namespace Moderation.Classification.Consumers;

/// <summary>
/// The endpoint settings of <see cref="BatchSubmittedConsumer"/>: at most
/// <see cref="ClassificationOptions.ConcurrentBatches"/> batches are classified at once. One batch
/// already keeps every core busy; a backlog classified all at once (up to the prefetch count, 128
/// batches of 1,000) only holds more texts in memory and finishes none sooner. The limit is this
/// consumer's alone: single submissions on the same queue keep the endpoint's concurrency.
/// </summary>
public sealed class BatchSubmittedConsumerDefinition(IOptions<ClassificationOptions> options) : ClassificationConsumerDefinition<BatchSubmittedConsumer>
{
    protected override void ConfigureConsumer(IReceiveEndpointConfigurator endpointConfigurator, IConsumerConfigurator<BatchSubmittedConsumer> consumerConfigurator,
        IRegistrationContext context)
    {
        ArgumentNullException.ThrowIfNull(consumerConfigurator);
        consumerConfigurator.ConcurrentMessageLimit = options.Value.ConcurrentBatches;
    }
}
