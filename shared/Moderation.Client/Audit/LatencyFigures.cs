namespace Moderation.Client;

/// <summary>Nearest-rank percentiles in seconds over the submissions of the period that got that far.</summary>
public sealed record LatencyFigures(long Count, double? P50Seconds, double? P90Seconds, double? P99Seconds);
