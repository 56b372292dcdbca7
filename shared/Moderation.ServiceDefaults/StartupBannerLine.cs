namespace Moderation.ServiceDefaults;

/// <summary>
/// A line of the start-up banner contributed by a part of the process (the bus, the store), so the
/// banner names what the process runs on without hosting knowing every part.
/// </summary>
public sealed record StartupBannerLine(Func<IServiceProvider, string> Describe);
