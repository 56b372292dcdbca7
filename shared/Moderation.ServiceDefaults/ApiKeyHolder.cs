namespace Moderation.ServiceDefaults;

/// <summary>Who a configured API key belongs to and what it may do.</summary>
public sealed record ApiKeyHolder(string Name, IReadOnlyList<string> Roles, string? Publisher);
