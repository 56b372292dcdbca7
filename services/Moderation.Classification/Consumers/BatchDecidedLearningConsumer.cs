using MassTransit;
using Moderation.Contracts;
using Moderation.ServiceDefaults;

namespace Moderation.Classification.Consumers;

/// <summary>Learns from the decisions of a batch exactly as from each on its own.</summary>
public sealed class BatchDecidedLearningConsumer(DecisionLearning learning) : IConsumer<BatchDecided>
{
    public Task Consume(ConsumeContext<BatchDecided> context)
    {
        Telemetry.TagBatch(context.Message);
        return learning.LearnAsync(context.Message.Decisions, context.CancellationToken);
    }
}
