namespace Moderation.Client;

public sealed record TimelineEntry(DateTimeOffset At, SubmissionStatus Status, string Detail);
