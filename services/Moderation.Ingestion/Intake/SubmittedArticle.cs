namespace Moderation.Ingestion.Intake;

/// <summary>An article as it was handed in, before <see cref="SubmissionIntake"/> normalised and checked it.</summary>
public sealed record SubmittedArticle(
    string? Source,
    string? Title,
    string? Body,
    string? Url = null,
    string? Author = null,
    string? ExternalId = null,
    string? Language = null);
