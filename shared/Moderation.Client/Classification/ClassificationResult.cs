using Moderation.Contracts;

namespace Moderation.Client;

public sealed record ClassificationResult(
    Verdict Verdict,
    IReadOnlyDictionary<string, double> Scores,
    IReadOnlyList<ClassificationReason> Reasons,
    string ModelVersion,
    string PolicyVersion);
