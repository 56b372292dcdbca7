namespace Moderation.Ingestion.Domain;

/// <summary>
/// The first answer given to a request with an <c>Idempotency-Key</c>, returned again for a retry.
/// </summary>
/// <param name="Key">The caller's key, scoped by API key name and route.</param>
/// <param name="RequestHash">SHA-256 of what was asked, so a different request under the same key is recognised.</param>
/// <param name="Body">The answer's JSON.</param>
public sealed record IdempotentAnswer(string Key, string RequestHash, int StatusCode, string Body, string? Location, DateTimeOffset CreatedAt);
