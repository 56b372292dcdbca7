using System.Security.Claims;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Moderation.ServiceDefaults;

/// <summary>
/// Three limits, each answered with a 429 problem and <c>Retry-After</c> once spent. Before
/// authentication, per remote address, on the requests that fail it (<see cref="FailedAuthenticationLimit"/>):
/// a flood of bad keys is turned away without each key being looked at. After authentication, on
/// every request of every endpoint, per caller and per publisher: one busy client, or one
/// publisher's many clients, cannot take a service from everyone else.
/// </summary>
public static class RateLimits
{
    public static IHostApplicationBuilder AddModerationRateLimits(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddOptions<RateLimitOptions>()
            .Bind(builder.Configuration.GetSection(RateLimitOptions.Section))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddSingleton<FailedAuthenticationLimit>();
        builder.Services.AddRateLimiter(_ => { });
        builder.Services.AddOptions<RateLimiterOptions>().Configure<IOptions<RateLimitOptions>>((limiter, configured) =>
        {
            var options = configured.Value;
            var perCaller = new FixedWindowRateLimiterOptions { PermitLimit = options.PermitsPerWindow, Window = options.Window, QueueLimit = 0 };
            var perPublisher = new FixedWindowRateLimiterOptions { PermitLimit = options.PublisherPermitsPerWindow, Window = options.Window, QueueLimit = 0 };
            limiter.GlobalLimiter = PartitionedRateLimiter.CreateChained(
                PartitionedRateLimiter.Create<HttpContext, string>(context => CallerOf(context.User) is { } caller
                    ? RateLimitPartition.GetFixedWindowLimiter(caller, _ => perCaller)
                    : RateLimitPartition.GetNoLimiter("")),
                PartitionedRateLimiter.Create<HttpContext, string>(context => Publishers.Of(context.User) is { } publisher
                    ? RateLimitPartition.GetFixedWindowLimiter(publisher, _ => perPublisher)
                    : RateLimitPartition.GetNoLimiter("")));
            limiter.OnRejected = (context, _) => new ValueTask(TooManyRequests.WriteAsync(context.HttpContext, context.Lease, options.Window));
        });
        return builder;
    }

    /// <summary>
    /// Counts the requests from each address that fail authentication, and turns the address away
    /// once it has spent its failures; goes before <c>UseAuthentication</c>.
    /// </summary>
    public static IApplicationBuilder UseFailedAuthenticationLimit(this IApplicationBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var limit = app.ApplicationServices.GetRequiredService<FailedAuthenticationLimit>();
        return app.Use(limit.InvokeAsync);
    }

    /// <summary>Who is calling, by the scheme that vouched for them: a key and a person of the same name are two callers.</summary>
    private static string? CallerOf(ClaimsPrincipal user) =>
        user.Identity is { IsAuthenticated: true, Name: { } name } identity ? $"{identity.AuthenticationType}:{name}" : null;
}
