using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Moderation.Testing;

namespace Moderation.SecurityTests;

/// <summary>
/// The limits as they stand by default: failed authentications per address before authentication,
/// then per caller and per publisher. Every test host is new, so each test starts with full windows.
/// </summary>
public sealed class RateLimitTests
{
    /// <summary>A GET of each service that needs a role, so a request without a valid key is a 401.</summary>
    private static string GuardedPath(string service) => service switch
    {
        SecurityHosts.Ingestion => $"/api/v1/submissions/{Guid.NewGuid()}",
        SecurityHosts.Classification => "/api/v1/models",
        SecurityHosts.Review => "/api/v1/review/items",
        _ => "/api/v1/audit/entries",
    };

    private static string ValidKey(string service) => service switch
    {
        SecurityHosts.Ingestion => TestKeys.Submitter,
        SecurityHosts.Classification => TestKeys.Admin,
        SecurityHosts.Review => TestKeys.Moderator,
        _ => TestKeys.Auditor,
    };

    [Theory]
    [MemberData(nameof(SecurityHosts.EveryService), MemberType = typeof(SecurityHosts))]
    public async Task Three_hundred_requests_with_an_unknown_key_in_a_second_are_turned_away_with_429_before_authentication(string service)
    {
        await using var host = await SecurityHosts.StartAsync(service);
        var flood = host.Http("a-key-nobody-configured");

        // Eight at a time, as a client hammering the service over a few connections would.
        var statuses = new List<HttpStatusCode>();
        using var gate = new SemaphoreSlim(8);
        var requests = Enumerable.Range(0, 300).Select(async _ =>
        {
            await gate.WaitAsync();
            try
            {
                using var response = await flood.GetAsync(GuardedPath(service));
                return response.StatusCode;
            }
            finally
            {
                gate.Release();
            }
        });
        statuses.AddRange(await Task.WhenAll(requests));

        Assert.All(statuses, s => Assert.True(s is HttpStatusCode.Unauthorized or HttpStatusCode.TooManyRequests, $"{s}"));
        var unauthorized = statuses.Count(s => s == HttpStatusCode.Unauthorized);

        // 100 failures per address by default, and at most the eight requests in flight when they ran out.
        Assert.InRange(unauthorized, 100, 108);

        // Once the address has spent its failures, even a valid key from it waits: the limit runs before the key is looked at.
        using var limited = await host.Http(ValidKey(service)).GetAsync(GuardedPath(service));
        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.InRange(limited.Headers.RetryAfter!.Delta!.Value, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(10));
        Assert.Equal("application/problem+json", limited.Content.Headers.ContentType?.MediaType);
        Assert.Equal(429, (await limited.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetInt32());
    }

    [Fact]
    public async Task A_busy_client_with_a_valid_key_is_not_limited_by_a_few_failures_from_its_address()
    {
        await using var host = await SecurityHosts.StartAsync(SecurityHosts.Review);
        var valid = host.Http(TestKeys.Moderator);
        var invalid = host.Http("a-key-nobody-configured");
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 600; i++)
        {
            using var response = await valid.GetAsync("/api/v1/review/items");
            statuses.Add(response.StatusCode);
            if (i % 15 == 0)
            {
                using var failed = await invalid.GetAsync("/api/v1/review/items");
                Assert.Equal(HttpStatusCode.Unauthorized, failed.StatusCode);
            }
        }

        Assert.All(statuses, s => Assert.Equal(HttpStatusCode.OK, s));
    }

    [Fact]
    public async Task A_caller_over_its_own_limit_gets_429_on_any_service_while_other_callers_go_on()
    {
        await using var host = await SecurityHosts.StartAsync(SecurityHosts.Audit, new Dictionary<string, string?>
        {
            ["RateLimit:PermitsPerWindow"] = "3",
            ["RateLimit:Window"] = "00:10:00",
        });
        var auditor = host.Http(TestKeys.Auditor);
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await auditor.GetAsync("/api/v1/audit/entries")).StatusCode);
        }

        using var limited = await auditor.GetAsync("/api/v1/audit/verify");
        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.InRange(limited.Headers.RetryAfter!.Delta!.Value, TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(10));

        Assert.Equal(HttpStatusCode.OK, (await host.Http(TestKeys.Admin).GetAsync("/api/v1/audit/entries")).StatusCode);
    }

    [Fact]
    public async Task The_keys_of_one_publisher_share_its_limit_and_another_publisher_goes_on()
    {
        await using var host = await SecurityHosts.StartAsync(SecurityHosts.Ingestion, new Dictionary<string, string?>
        {
            ["RateLimit:PublisherPermitsPerWindow"] = "4",
            ["RateLimit:Window"] = "00:10:00",
            ["Auth:ApiKeys:100:Name"] = "gazette-ingest",
            ["Auth:ApiKeys:100:Key"] = "gazette-ingest-key",
            ["Auth:ApiKeys:100:Roles:0"] = "submitter",
            ["Auth:ApiKeys:100:Publisher"] = "gazette",
            ["Auth:ApiKeys:101:Name"] = "gazette-backfill",
            ["Auth:ApiKeys:101:Key"] = "gazette-backfill-key",
            ["Auth:ApiKeys:101:Roles:0"] = "submitter",
            ["Auth:ApiKeys:101:Publisher"] = "gazette",
            ["Auth:ApiKeys:102:Name"] = "courier-ingest",
            ["Auth:ApiKeys:102:Key"] = "courier-ingest-key",
            ["Auth:ApiKeys:102:Roles:0"] = "submitter",
            ["Auth:ApiKeys:102:Publisher"] = "courier",
        });
        var ingest = host.Http("gazette-ingest-key");
        var backfill = host.Http("gazette-backfill-key");
        var path = $"/api/v1/submissions/{Guid.NewGuid()}";
        foreach (var client in new[] { ingest, backfill, ingest, backfill })
        {
            Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(path)).StatusCode);
        }

        Assert.Equal(HttpStatusCode.TooManyRequests, (await backfill.GetAsync(path)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await host.Http("courier-ingest-key").GetAsync(path)).StatusCode);
    }
}
