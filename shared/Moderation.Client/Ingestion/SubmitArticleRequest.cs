namespace Moderation.Client;

public sealed record SubmitArticleRequest(
    string? Source,
    string? Title,
    string? Body,
    string? Url = null,
    string? Author = null,
    string? ExternalId = null,
    string? Language = null);
