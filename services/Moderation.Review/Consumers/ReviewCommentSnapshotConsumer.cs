using System.Diagnostics;
using MassTransit;
using Moderation.Contracts;
using Moderation.ServiceDefaults;

namespace Moderation.Review.Consumers;

/// <summary>
/// Keeps the snapshot of a comment with its thread: the title of the article it sits under and,
/// for a reply, the text of the comment it answers (from Review's own snapshot of that comment).
/// </summary>
public sealed class ReviewCommentSnapshotConsumer(ContentSnapshots snapshots) : IConsumer<CommentSubmitted>
{
    public Task Consume(ConsumeContext<CommentSubmitted> context)
    {
        Activity.Current?.SetTag(Telemetry.SubmissionIdTag, context.Message.SubmissionId);
        return snapshots.KeepAsync([], [context.Message], context.CancellationToken);
    }
}
