namespace Moderation.Client;

/// <summary>The review queue now: items with a <c>review</c> verdict and no final decision yet.</summary>
public sealed record QueueFigures(long Depth, double? OldestItemAgeSeconds, long PastSla, double SlaSeconds);
