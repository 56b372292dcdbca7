using System.Diagnostics;
using MassTransit;
using Moderation.Audit.Domain;
using Moderation.Contracts;
using Moderation.ServiceDefaults;

namespace Moderation.Audit.Consumers;

/// <summary>
/// Logs every event of a submission's life, and what changes the platform as a whole (redrives of error
/// queues, model promotions, policy loads); a redelivered event finds its entry and adds none. A
/// batch message is logged as its items would have been one by one, in its order, in one write.
/// Appends go through <see cref="AuditAppender"/>, which writes those of concurrent messages together.
/// </summary>
public sealed class AuditTrailConsumer(AuditAppender appender) :
    IConsumer<ArticleSubmitted>,
    IConsumer<CommentSubmitted>,
    IConsumer<ContentClassified>,
    IConsumer<ModerationDecided>,
    IConsumer<AppealFiled>,
    IConsumer<SubmissionReported>,
    IConsumer<ErrorQueueRedriven>,
    IConsumer<ModelPromoted>,
    IConsumer<PolicyLoaded>,
    IConsumer<BatchSubmitted>,
    IConsumer<BatchClassified>,
    IConsumer<BatchDecided>
{
    public Task Consume(ConsumeContext<ArticleSubmitted> context) => AppendAsync(AuditDrafts.From(context.Message), context.CancellationToken);

    public Task Consume(ConsumeContext<CommentSubmitted> context) => AppendAsync(AuditDrafts.From(context.Message), context.CancellationToken);

    public Task Consume(ConsumeContext<ContentClassified> context) => AppendAsync(AuditDrafts.From(context.Message), context.CancellationToken);

    public Task Consume(ConsumeContext<ModerationDecided> context) => AppendAsync(AuditDrafts.From(context.Message), context.CancellationToken);

    public Task Consume(ConsumeContext<AppealFiled> context) => AppendAsync(AuditDrafts.From(context.Message), context.CancellationToken);

    public Task Consume(ConsumeContext<SubmissionReported> context) => AppendAsync(AuditDrafts.From(context.Message), context.CancellationToken);

    public Task Consume(ConsumeContext<ErrorQueueRedriven> context) => appender.AppendAsync([AuditDrafts.From(context.Message)], context.CancellationToken);

    public Task Consume(ConsumeContext<ModelPromoted> context) => appender.AppendAsync([AuditDrafts.From(context.Message)], context.CancellationToken);

    public Task Consume(ConsumeContext<PolicyLoaded> context) => appender.AppendAsync([AuditDrafts.From(context.Message)], context.CancellationToken);

    public Task Consume(ConsumeContext<BatchSubmitted> context)
    {
        Telemetry.TagBatch(context.Message);
        return appender.AppendAsync(AuditDrafts.From(context.Message), context.CancellationToken);
    }

    public Task Consume(ConsumeContext<BatchClassified> context)
    {
        Telemetry.TagBatch(context.Message);
        return appender.AppendAsync(AuditDrafts.From(context.Message), context.CancellationToken);
    }

    public Task Consume(ConsumeContext<BatchDecided> context)
    {
        Telemetry.TagBatch(context.Message);
        return appender.AppendAsync(AuditDrafts.From(context.Message), context.CancellationToken);
    }

    private Task AppendAsync(AuditDraft draft, CancellationToken cancellationToken)
    {
        Activity.Current?.SetTag(Telemetry.SubmissionIdTag, draft.SubmissionId);
        return appender.AppendAsync([draft], cancellationToken);
    }
}
