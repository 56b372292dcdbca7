using System.ComponentModel.DataAnnotations;

namespace Moderation.ServiceDefaults;

public sealed class RateLimitOptions
{
    public const string Section = "RateLimit";

    /// <summary>Requests one caller (an API key, or a person signed in through OpenID Connect) may make per <see cref="Window"/>.</summary>
    [Range(1, 1_000_000)]
    public int PermitsPerWindow { get; set; } = 60_000;

    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Requests all the callers of one publisher together may make per <see cref="Window"/>.</summary>
    [Range(1, 10_000_000)]
    public int PublisherPermitsPerWindow { get; set; } = 120_000;

    /// <summary>
    /// Requests from one address that may fail authentication (a 401: no key, an unknown key, a bad
    /// token) per <see cref="FailedAuthenticationWindow"/>. Past it, every request from that address
    /// is answered 429 before its credentials are looked at, until the window ends.
    /// </summary>
    [Range(1, 1_000_000)]
    public int FailedAuthenticationsPerWindow { get; set; } = 100;

    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan FailedAuthenticationWindow { get; set; } = TimeSpan.FromSeconds(10);
}
