using System.Diagnostics;
using MassTransit;
using Moderation.Contracts;
using Moderation.Ingestion.Storage;
using Moderation.Messaging;
using Moderation.ServiceDefaults;
using Moderation.Storage;
using Moderation.WebConsole;

namespace Moderation.Ingestion.Consumers;

/// <summary>
/// The status changes the consumers make to submissions of record, grouped (<see cref="WriteGroups{TItem, TResult}"/>):
/// those of concurrent messages go to the store together in one <see cref="ISubmissionStore.UpdateManyAsync"/>,
/// in the order they arrived. Applying an event is idempotent, as that write asks.
/// </summary>
public sealed class StatusUpdates(ISubmissionStore store)
{
    private readonly WriteGroups<SubmissionChange, SubmissionChange> _updates = WriteGroups.For<SubmissionChange>(store.UpdateManyAsync);

    public Task ApplyAsync(IReadOnlyList<SubmissionChange> changes, CancellationToken cancellationToken) => _updates.WriteAsync(changes, cancellationToken);
}

/// <summary>Records the classifier's verdict on the submission of record.</summary>
public sealed class SubmissionClassifiedConsumer(StatusUpdates updates) : IConsumer<ContentClassified>
{
    public Task Consume(ConsumeContext<ContentClassified> context)
    {
        Activity.Current?.SetTag(Telemetry.SubmissionIdTag, context.Message.SubmissionId);
        return updates.ApplyAsync([new SubmissionChange(context.Message.SubmissionId, record => record.Apply(context.Message))], context.CancellationToken);
    }
}

/// <summary>Records a moderator's or the policy's decision on the submission of record.</summary>
public sealed class SubmissionDecidedConsumer(StatusUpdates updates) : IConsumer<ModerationDecided>
{
    public Task Consume(ConsumeContext<ModerationDecided> context)
    {
        Activity.Current?.SetTag(Telemetry.SubmissionIdTag, context.Message.SubmissionId);
        return updates.ApplyAsync([new SubmissionChange(context.Message.SubmissionId, record => record.Apply(context.Message))], context.CancellationToken);
    }
}

/// <summary>Puts a removed submission back in review while the author's appeal waits for its decision.</summary>
public sealed class SubmissionAppealedConsumer(StatusUpdates updates) : IConsumer<AppealFiled>
{
    public Task Consume(ConsumeContext<AppealFiled> context)
    {
        Activity.Current?.SetTag(Telemetry.SubmissionIdTag, context.Message.SubmissionId);
        return updates.ApplyAsync([new SubmissionChange(context.Message.SubmissionId, record => record.Apply(context.Message))], context.CancellationToken);
    }
}

/// <summary>Records the classifier's verdicts on the submissions of one batch, each as <see cref="SubmissionClassifiedConsumer"/> would, in one write.</summary>
public sealed class BatchClassifiedConsumer(StatusUpdates updates) : IConsumer<BatchClassified>
{
    public Task Consume(ConsumeContext<BatchClassified> context)
    {
        Telemetry.TagBatch(context.Message);
        return updates.ApplyAsync([.. context.Message.Results.Select(classified => new SubmissionChange(classified.SubmissionId, record => record.Apply(classified)))], context.CancellationToken);
    }
}

/// <summary>Records the decisions on the submissions of one batch, each as <see cref="SubmissionDecidedConsumer"/> would, in one write.</summary>
public sealed class BatchDecidedConsumer(StatusUpdates updates) : IConsumer<BatchDecided>
{
    public Task Consume(ConsumeContext<BatchDecided> context)
    {
        Telemetry.TagBatch(context.Message);
        return updates.ApplyAsync([.. context.Message.Decisions.Select(decided => new SubmissionChange(decided.SubmissionId, record => record.Apply(decided)))], context.CancellationToken);
    }
}
