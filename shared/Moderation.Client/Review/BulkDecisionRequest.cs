using Moderation.Contracts;

namespace Moderation.Client;

public sealed record BulkDecisionRequest(
    IReadOnlyList<Guid>? ItemIds,
    DecisionOutcome? Decision,
    string? Reason,
    string? Note = null,
    IReadOnlyDictionary<string, int>? Labels = null);
