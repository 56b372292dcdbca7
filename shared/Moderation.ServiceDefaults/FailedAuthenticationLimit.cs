using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace Moderation.ServiceDefaults;

/// <summary>
/// A fixed window per remote address that only requests failing authentication (answered 401)
/// spend. A request from an address with failures left runs as usual; from an address without,
/// it is answered 429 before authentication looks at it. Valid callers spend nothing here, so a
/// busy client or many people behind one address are limited by caller and by publisher only.
/// Requests in flight together are checked before any of them fails, so an address can go past
/// its limit by at most the requests it has in flight at that moment.
/// </summary>
public sealed class FailedAuthenticationLimit : IDisposable
{
    private readonly PartitionedRateLimiter<HttpContext> _failures;
    private readonly TimeSpan _window;

    public FailedAuthenticationLimit(IOptions<RateLimitOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var limit = new FixedWindowRateLimiterOptions
        {
            PermitLimit = options.Value.FailedAuthenticationsPerWindow,
            Window = options.Value.FailedAuthenticationWindow,
            QueueLimit = 0,
        };
        _window = limit.Window;
        _failures = PartitionedRateLimiter.Create<HttpContext, string>(context =>
            RateLimitPartition.GetFixedWindowLimiter(context.Connection.RemoteIpAddress?.ToString() ?? "", _ => limit));
    }

    public async Task InvokeAsync(HttpContext context, RequestDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);

        // Zero permits asks whether any are left without spending one.
        using (var left = _failures.AttemptAcquire(context, 0))
        {
            if (!left.IsAcquired)
            {
                await TooManyRequests.WriteAsync(context, left, _window);
                return;
            }
        }

        await next(context);
        if (context.Response.StatusCode == StatusCodes.Status401Unauthorized)
        {
            _failures.AttemptAcquire(context).Dispose();
        }
    }

    public void Dispose() => _failures.Dispose();
}
