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

/// <summary>
/// ASP.NET Core's rate limiter, one fixed window per API key name (per remote address for callers
/// without a key). Endpoints opt in with <c>RequireRateLimiting(RateLimits.PerApiKeyPolicy)</c>;
/// a caller over its limit gets a 429 problem with <c>Retry-After</c>.
/// </summary>
public static class RateLimits
{
    public const string PerApiKeyPolicy = "per-api-key";

    public static IHostApplicationBuilder AddModerationRateLimits(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddOptions<RateLimitOptions>()
            .Bind(builder.Configuration.GetSection(RateLimitOptions.Section))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        var section = builder.Configuration.GetSection(RateLimitOptions.Section);
        var defaults = new RateLimitOptions();
        var permits = section.GetValue(nameof(RateLimitOptions.PermitsPerWindow), defaults.PermitsPerWindow);
        var window = section.GetValue(nameof(RateLimitOptions.Window), defaults.Window);
        builder.Services.AddRateLimiter(limiter =>
        {
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.AddPolicy(PerApiKeyPolicy, context => RateLimitPartition.GetFixedWindowLimiter(
                context.User.Identity is { IsAuthenticated: true, Name: { } name } ? $"key:{name}" : $"ip:{context.Connection.RemoteIpAddress}",
                _ => new FixedWindowRateLimiterOptions { PermitLimit = Math.Max(1, permits), Window = window, QueueLimit = 0 }));
            limiter.OnRejected = async (context, cancellationToken) =>
            {
                var retryAfter = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : window;
                var seconds = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds));
                context.HttpContext.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
                var problems = context.HttpContext.RequestServices.GetRequiredService<IProblemDetailsService>();
                await problems.WriteAsync(new ProblemDetailsContext
                {
                    HttpContext = context.HttpContext,
                    ProblemDetails = new ProblemDetails
                    {
                        Status = StatusCodes.Status429TooManyRequests,
                        Title = "Too many requests.",
                        Detail = $"This API key may make {permits} requests per {window}; try again in {seconds} s.",
                    },
                });
            };
        });
        return builder;
    }
}
