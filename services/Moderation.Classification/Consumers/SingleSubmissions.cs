using System.Diagnostics;
using MassTransit;
using Moderation.Contracts;
using Moderation.ServiceDefaults;
using Moderation.Storage;

namespace Moderation.Classification.Consumers;

/// <summary>
/// The single submissions of concurrent messages, classified together (<see cref="WriteGroups{TItem, TResult}"/>):
/// one read and two writes of the store for whatever arrived meanwhile, not for each message
/// (docs/decisions/0012-write-groups.md). Each result is still published on its own, by the
/// message that brought its submission.
/// </summary>
public sealed class SingleSubmissions(SubmissionClassification classification)
{
    private readonly WriteGroups<Submission, ContentClassified> _groups = new(classification.ClassifyAsync);

    public async Task ClassifyAndPublishAsync(ConsumeContext context, Submission submission)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(submission);
        Activity.Current?.SetTag(Telemetry.SubmissionIdTag, submission.SubmissionId);
        var results = await _groups.WriteAsync([submission], context.CancellationToken);
        await context.Publish(results[0], context.CancellationToken);
    }
}
