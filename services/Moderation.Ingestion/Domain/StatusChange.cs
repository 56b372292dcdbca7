namespace Moderation.Ingestion.Domain;

/// <summary>One step of a submission's timeline: when it reached a state, and what brought it there.</summary>
public sealed record StatusChange(DateTimeOffset At, SubmissionState State, string Detail);
