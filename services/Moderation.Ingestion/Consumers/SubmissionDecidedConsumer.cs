using MassTransit;
using Moderation.Contracts;

namespace Moderation.Ingestion.Consumers;

/// <summary>Records a moderator's or the policy's decision on the submission of record.</summary>
public sealed class SubmissionDecidedConsumer(StatusUpdates updates) : IConsumer<ModerationDecided>
{
    public Task Consume(ConsumeContext<ModerationDecided> context) =>
        updates.ApplyAsync(context.Message.SubmissionId, record => record.Apply(context.Message), context.CancellationToken);
}
