using MassTransit;
using Moderation.Classification.Storage;
using Moderation.Contracts;

namespace Moderation.Classification.Consumers;

/// <summary>
/// Learns from moderators: a decision that carries labels becomes a training example of the text
/// that was classified. Decisions without labels teach nothing and are ignored; the decision id
/// keys the example, so a redelivered decision adds nothing.
/// </summary>
public sealed partial class ModerationDecidedConsumer(ITrainingStore training, TimeProvider clock, ILogger<ModerationDecidedConsumer> logger)
    : IConsumer<ModerationDecided>
{
    public async Task Consume(ConsumeContext<ModerationDecided> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var decision = context.Message;
        var labels = decision.Labels?
            .Where(l => Categories.All.Contains(l.Key) && l.Value is 0 or 1)
            .ToDictionary(l => l.Key, l => l.Value, StringComparer.Ordinal);
        if (decision.ActorKind != DecisionActorKind.Moderator || labels is null || labels.Count == 0)
        {
            return;
        }

        if (await training.GetTextAsync(decision.SubmissionId, context.CancellationToken) is not { } classified)
        {
            LogUnknownText(logger, decision.SubmissionId, decision.DecisionId);
            return;
        }

        await training.AddExampleAsync(new TrainingExample($"decision:{decision.DecisionId}", classified.Kind, classified.Text, labels,
            $"moderator:{decision.Actor}", clock.GetUtcNow()), context.CancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Decision {DecisionId} labels submission {SubmissionId}, whose text Classification never saw; nothing learned.")]
    private static partial void LogUnknownText(ILogger logger, Guid submissionId, Guid decisionId);
}
