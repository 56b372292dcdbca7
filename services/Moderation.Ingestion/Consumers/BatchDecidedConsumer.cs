using MassTransit;
using Moderation.Contracts;
using Moderation.Ingestion.Storage;
using Moderation.ServiceDefaults;

namespace Moderation.Ingestion.Consumers;

/// <summary>Records the decisions on the submissions of one batch, each as <see cref="SubmissionDecidedConsumer"/> would, in one write.</summary>
public sealed class BatchDecidedConsumer(StatusUpdates updates) : IConsumer<BatchDecided>
{
    public Task Consume(ConsumeContext<BatchDecided> context)
    {
        Telemetry.TagBatch(context.Message);
        return updates.ApplyAsync([.. context.Message.Decisions.Select(decided => new SubmissionRecordChange(decided.SubmissionId, record => record.Apply(decided)))], context.CancellationToken);
    }
}
