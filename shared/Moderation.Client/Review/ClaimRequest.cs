namespace Moderation.Client;

public sealed record ClaimRequest(int? Count = null);
