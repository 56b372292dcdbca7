namespace Moderation.Client;

public sealed record BatchResult(int Accepted, int Duplicates, int Rejected, IReadOnlyList<BatchLineResult> Results);
