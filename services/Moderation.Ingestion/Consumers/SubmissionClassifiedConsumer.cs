using MassTransit;
using Moderation.Contracts;

namespace Moderation.Ingestion.Consumers;

/// <summary>Records the classifier's verdict on the submission of record.</summary>
public sealed class SubmissionClassifiedConsumer(StatusUpdates updates) : IConsumer<ContentClassified>
{
    public Task Consume(ConsumeContext<ContentClassified> context) =>
        updates.ApplyAsync(context.Message.SubmissionId, record => record.Apply(context.Message), context.CancellationToken);
}
