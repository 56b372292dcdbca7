using Moderation.Contracts;

namespace Moderation.Classification.Domain;

/// <summary>What the classifier made of one text: the verdict, a probability per category, the reasons, and the model and policy that gave them.</summary>
public sealed record ClassificationOutcome(
    Verdict Verdict,
    IReadOnlyDictionary<string, double> Scores,
    IReadOnlyList<ClassificationReason> Reasons,
    string ModelVersion,
    string PolicyVersion);
