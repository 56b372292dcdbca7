namespace Moderation.Ingestion.Intake;

/// <summary>
/// An article as it was handed in, before <see cref="SubmissionIntake"/> normalised and checked it.
/// <see cref="SubmittedBy"/> is the authenticated caller's name, which the audit log records as the actor;
/// <see cref="Publisher"/> is the caller's publisher, whose article it becomes.
/// </summary>
public sealed record SubmittedArticle(
    string? Source,
    string? Title,
    string? Body,
    string? Url = null,
    string? Author = null,
    string? ExternalId = null,
    string? Language = null,
    string? SubmittedBy = null,
    string? Publisher = null);
