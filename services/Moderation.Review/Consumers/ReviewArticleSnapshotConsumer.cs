using System.Diagnostics;
using MassTransit;
using Moderation.Contracts;
using Moderation.ServiceDefaults;

namespace Moderation.Review.Consumers;

/// <summary>Keeps the snapshot of an article a moderator may have to read.</summary>
public sealed class ReviewArticleSnapshotConsumer(ContentSnapshots snapshots) : IConsumer<ArticleSubmitted>
{
    public Task Consume(ConsumeContext<ArticleSubmitted> context)
    {
        Activity.Current?.SetTag(Telemetry.SubmissionIdTag, context.Message.SubmissionId);
        return snapshots.KeepAsync([context.Message], [], context.CancellationToken);
    }
}
