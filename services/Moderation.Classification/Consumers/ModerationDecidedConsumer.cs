using MassTransit;
using Moderation.Contracts;

namespace Moderation.Classification.Consumers;

/// <summary>Learns from the labels a moderator gave with one decision (<see cref="DecisionLearning"/>).</summary>
public sealed class ModerationDecidedConsumer(DecisionLearning learning) : IConsumer<ModerationDecided>
{
    public Task Consume(ConsumeContext<ModerationDecided> context) => learning.LearnAsync([context.Message], context.CancellationToken);
}
