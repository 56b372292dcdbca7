using Moderation.Classification.Storage;
using Moderation.Contracts;

namespace Moderation.Classification.Consumers;

/// <summary>
/// Learns from moderators: a decision that carries labels becomes a training example of the text
/// that was classified. Decisions without labels, and the policy's own, teach nothing and are
/// ignored; the decision id keys the example, so a redelivered decision adds nothing. A batch of
/// decisions costs one read of texts and one write of examples.
/// </summary>
public sealed partial class DecisionLearning(ITrainingStore training, TimeProvider clock, ILogger<DecisionLearning> logger)
{
    public async Task LearnAsync(IReadOnlyList<ModerationDecided> decisions, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(decisions);
        var labelled = decisions
            .Select(decision => (Decision: decision, Labels: TrainingLabels(decision)))
            .Where(d => d.Labels.Count > 0)
            .ToList();
        if (labelled.Count == 0)
        {
            return;
        }

        var texts = await training.GetTextsAsync(labelled.Select(d => d.Decision.SubmissionId).Distinct().ToList(), cancellationToken);
        var examples = new List<TrainingExample>();
        foreach (var (decision, labels) in labelled)
        {
            if (!texts.TryGetValue(decision.SubmissionId, out var classified))
            {
                LogUnknownText(logger, decision.SubmissionId, decision.DecisionId);
                continue;
            }

            examples.Add(new TrainingExample($"decision:{decision.DecisionId}", classified.Kind, classified.Text, labels,
                $"moderator:{decision.Actor}", clock.GetUtcNow()));
        }

        await training.AddExamplesAsync(examples, cancellationToken);
    }

    /// <summary>The labels of the taxonomy a moderator gave, 0 or 1; none for anyone else's decision.</summary>
    private static Dictionary<string, int> TrainingLabels(ModerationDecided decision) =>
        decision.ActorKind != DecisionActorKind.Moderator || decision.Labels is null
            ? []
            : decision.Labels
                .Where(l => Categories.All.Contains(l.Key) && l.Value is 0 or 1)
                .ToDictionary(l => l.Key, l => l.Value, StringComparer.Ordinal);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Decision {DecisionId} labels submission {SubmissionId}, whose text Classification never saw; nothing learned.")]
    private static partial void LogUnknownText(ILogger logger, Guid submissionId, Guid decisionId);
}
