using MassTransit;
using Moderation.Contracts;
using Moderation.ServiceDefaults;

namespace Moderation.Review.Consumers;

/// <summary>Keeps the snapshots of every submission of a batch, as the single consumers would, in one store write.</summary>
public sealed class ReviewBatchSnapshotConsumer(ContentSnapshots snapshots) : IConsumer<BatchSubmitted>
{
    public Task Consume(ConsumeContext<BatchSubmitted> context)
    {
        Telemetry.TagBatch(context.Message);
        return snapshots.KeepAsync(context.Message.Articles, context.Message.Comments, context.CancellationToken);
    }
}
