namespace Moderation.Contracts;

/// <summary>
/// An article was accepted by ingestion; its text is already normalised. <see cref="SubmittedBy"/> is
/// the authenticated principal that submitted it (its API key's or its user's name), never a field of
/// the request; null from an ingestion that predates it. <see cref="Publisher"/> is the tenant the
/// article belongs to (the submitter's publisher); null for an admin's submission and from an
/// ingestion that predates publishers.
/// </summary>
public sealed record ArticleSubmitted(
    Guid SubmissionId,
    Guid ArticleId,
    string Source,
    string Title,
    string Body,
    string? Url,
    string? Author,
    string? ExternalId,
    string? Language,
    DateTimeOffset OccurredAt,
    string? SubmittedBy = null,
    string? Publisher = null);
