namespace Moderation.Client;

public sealed record ModerationApiEndpoint(Uri BaseAddress, string ApiKey);
