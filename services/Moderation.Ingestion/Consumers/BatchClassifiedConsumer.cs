using MassTransit;
using Moderation.Contracts;
using Moderation.Ingestion.Storage;
using Moderation.ServiceDefaults;

namespace Moderation.Ingestion.Consumers;

/// <summary>Records the classifier's verdicts on the submissions of one batch, each as <see cref="SubmissionClassifiedConsumer"/> would, in one write.</summary>
public sealed class BatchClassifiedConsumer(StatusUpdates updates) : IConsumer<BatchClassified>
{
    public Task Consume(ConsumeContext<BatchClassified> context)
    {
        Telemetry.TagBatch(context.Message);
        return updates.ApplyAsync([.. context.Message.Results.Select(classified => new SubmissionRecordChange(classified.SubmissionId, record => record.Apply(classified)))], context.CancellationToken);
    }
}
