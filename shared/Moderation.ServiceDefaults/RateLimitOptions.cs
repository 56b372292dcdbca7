using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Moderation.ServiceDefaults;

public sealed class RateLimitOptions
{
    public const string Section = "RateLimit";

    /// <summary>Requests one API key (or, without a key, one remote address) may make per window.</summary>
    [Range(1, 1_000_000)]
    public int PermitsPerWindow { get; set; } = 60_000;

    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(1);
}
