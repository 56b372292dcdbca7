namespace Moderation.ServiceDefaults;

/// <summary>The name this process reports itself as, in telemetry and default file names.</summary>
public sealed record ServiceIdentity(string Name);
