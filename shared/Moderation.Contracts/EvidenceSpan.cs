namespace Moderation.Contracts;

/// <summary>Character offsets into the submitted field, end exclusive.</summary>
public sealed record EvidenceSpan(int Start, int End);
