namespace Moderation.Audit.Domain.Dashboard;

/// <summary>The review queue now: items with a <c>review</c> verdict and no final decision yet.</summary>
public sealed record QueueReading(long Depth, double? OldestItemAgeSeconds, long PastSla, double SlaSeconds);
