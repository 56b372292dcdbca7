using Moderation.Contracts;

namespace Moderation.Client;

public sealed record DecisionRequest(
    DecisionOutcome? Decision,
    string? Reason,
    string? Note = null,
    IReadOnlyDictionary<string, int>? Labels = null);
