using System.Diagnostics;
using MassTransit;
using Moderation.Contracts;
using Moderation.ServiceDefaults;

namespace Moderation.Review.Consumers;

/// <summary>
/// Puts a Review verdict in front of moderators, with its scores and evidence; records an Allow or
/// Block verdict as the policy's own decision and publishes it through the outbox.
/// </summary>
public sealed class ReviewClassifiedConsumer(ClassificationResults results) : IConsumer<ContentClassified>
{
    public Task Consume(ConsumeContext<ContentClassified> context)
    {
        Activity.Current?.SetTag(Telemetry.SubmissionIdTag, context.Message.SubmissionId);
        return results.ApplyAsync([context.Message], (decisions, _) => decisions.Single(), context.CancellationToken);
    }
}
