using MassTransit;
using Moderation.Contracts;
using Moderation.ServiceDefaults;

namespace Moderation.Classification.Consumers;

/// <summary>
/// Classifies the submissions of a batch as their single events would be, articles first and then
/// comments (each list in its own order: the message does not say how the two interleaved), and
/// publishes their results together as one <see cref="BatchClassified"/>, in that same order.
/// </summary>
public sealed class BatchSubmittedConsumer(SubmissionClassification classification, TimeProvider clock) : IConsumer<BatchSubmitted>
{
    public async Task Consume(ConsumeContext<BatchSubmitted> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var batch = context.Message;
        Telemetry.TagBatch(batch);
        var results = await classification.ClassifyAsync(
            [.. batch.Articles.Select(Submission.Of), .. batch.Comments.Select(Submission.Of)], context.CancellationToken);
        await context.Publish(new BatchClassified(batch.BatchId, results, clock.GetUtcNow()), context.CancellationToken);
    }
}
