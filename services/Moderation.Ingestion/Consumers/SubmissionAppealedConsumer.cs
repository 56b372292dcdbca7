using MassTransit;
using Moderation.Contracts;

namespace Moderation.Ingestion.Consumers;

/// <summary>Puts a removed submission back in review while the author's appeal waits for its decision.</summary>
public sealed class SubmissionAppealedConsumer(StatusUpdates updates) : IConsumer<AppealFiled>
{
    public Task Consume(ConsumeContext<AppealFiled> context) =>
        updates.ApplyAsync(context.Message.SubmissionId, record => record.Apply(context.Message), context.CancellationToken);
}
