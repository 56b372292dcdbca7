using System.Diagnostics;
using MassTransit;
using Moderation.Contracts;
using Moderation.Ingestion.Storage;
using Moderation.ServiceDefaults;

namespace Moderation.Ingestion.Consumers;

/// <summary>Records the classifier's verdict on the submission of record.</summary>
public sealed class SubmissionClassifiedConsumer(ISubmissionStore store) : IConsumer<ContentClassified>
{
    public Task Consume(ConsumeContext<ContentClassified> context)
    {
        Activity.Current?.SetTag(Telemetry.SubmissionIdTag, context.Message.SubmissionId);
        return store.UpdateAsync(context.Message.SubmissionId, record => record.Apply(context.Message), context.CancellationToken);
    }
}

/// <summary>Records a moderator's or the policy's decision on the submission of record.</summary>
public sealed class SubmissionDecidedConsumer(ISubmissionStore store) : IConsumer<ModerationDecided>
{
    public Task Consume(ConsumeContext<ModerationDecided> context)
    {
        Activity.Current?.SetTag(Telemetry.SubmissionIdTag, context.Message.SubmissionId);
        return store.UpdateAsync(context.Message.SubmissionId, record => record.Apply(context.Message), context.CancellationToken);
    }
}

/// <summary>Puts a removed submission back in review while the author's appeal waits for its decision.</summary>
public sealed class SubmissionAppealedConsumer(ISubmissionStore store) : IConsumer<AppealFiled>
{
    public Task Consume(ConsumeContext<AppealFiled> context)
    {
        Activity.Current?.SetTag(Telemetry.SubmissionIdTag, context.Message.SubmissionId);
        return store.UpdateAsync(context.Message.SubmissionId, record => record.Apply(context.Message), context.CancellationToken);
    }
}

/// <summary>Records the classifier's verdicts on the submissions of one batch, each as <see cref="SubmissionClassifiedConsumer"/> would, in one write.</summary>
public sealed class BatchClassifiedConsumer(ISubmissionStore store) : IConsumer<BatchClassified>
{
    public Task Consume(ConsumeContext<BatchClassified> context)
    {
        Telemetry.TagBatch(context.Message);
        return store.UpdateManyAsync([.. context.Message.Results.Select(classified => new SubmissionChange(classified.SubmissionId, record => record.Apply(classified)))], context.CancellationToken);
    }
}

/// <summary>Records the decisions on the submissions of one batch, each as <see cref="SubmissionDecidedConsumer"/> would, in one write.</summary>
public sealed class BatchDecidedConsumer(ISubmissionStore store) : IConsumer<BatchDecided>
{
    public Task Consume(ConsumeContext<BatchDecided> context)
    {
        Telemetry.TagBatch(context.Message);
        return store.UpdateManyAsync([.. context.Message.Decisions.Select(decided => new SubmissionChange(decided.SubmissionId, record => record.Apply(decided)))], context.CancellationToken);
    }
}
