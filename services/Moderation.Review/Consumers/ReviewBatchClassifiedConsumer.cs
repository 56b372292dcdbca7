using MassTransit;
using Moderation.Contracts;
using Moderation.ServiceDefaults;

namespace Moderation.Review.Consumers;

/// <summary>
/// Applies every result of a batch as <see cref="ReviewClassifiedConsumer"/> would, in one store
/// write, and publishes the policy's decisions on them together as one <see cref="BatchDecided"/>.
/// </summary>
public sealed class ReviewBatchClassifiedConsumer(ClassificationResults results) : IConsumer<BatchClassified>
{
    public Task Consume(ConsumeContext<BatchClassified> context)
    {
        Telemetry.TagBatch(context.Message);
        return results.ApplyAsync(context.Message.Results, (decisions, now) => new BatchDecided(context.Message.BatchId, decisions, now), context.CancellationToken);
    }
}
