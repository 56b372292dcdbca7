using System.Net;
using System.Text;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Moderation.Client;
using Moderation.Testing;

namespace Moderation.IntegrationTests;

/// <summary>
/// Every endpoint of every service, in one host as AllInOne runs them, called with every role's key,
/// with no key and with a key nobody configured: 401 without a valid key, 403 without the role,
/// neither with it.
/// </summary>
public sealed class RoleMatrixTests : IAsyncLifetime
{
    private const string Submitter = "submitter";
    private const string Moderator = "moderator";
    private const string Senior = "senior-moderator";
    private const string Auditor = "auditor";
    private const string Admin = "admin";

    /// <summary>Who may call what, written out by hand from the API's documentation, not read from the code.</summary>
    private static readonly (string Method, string Route, string[] Roles)[] Matrix =
    [
        ("POST", "/api/v1/articles", [Submitter, Admin]),
        ("POST", "/api/v1/articles/import", [Submitter, Admin]),
        ("POST", "/api/v1/articles/{articleId:guid}/comments", [Submitter, Admin]),
        ("GET", "/api/v1/articles/{articleId:guid}", [Submitter, Admin]),
        ("POST", "/api/v1/submissions/batch", [Submitter, Admin]),
        ("GET", "/api/v1/submissions/{submissionId:guid}", [Submitter, Admin]),
        ("POST", "/api/v1/classify", [Submitter, Admin]),
        ("POST", "/api/v1/classify/batch", [Submitter, Admin]),
        ("POST", "/api/v1/training/examples", [Admin]),
        ("POST", "/api/v1/training/runs", [Admin]),
        ("GET", "/api/v1/models", [Admin]),
        ("GET", "/api/v1/review/items", [Moderator, Senior, Admin]),
        ("GET", "/api/v1/review/items/{itemId:guid}", [Moderator, Senior, Admin]),
        ("POST", "/api/v1/review/claims", [Moderator, Senior, Admin]),
        ("POST", "/api/v1/review/items/{itemId:guid}/decision", [Moderator, Senior, Admin]),
        ("POST", "/api/v1/review/decisions/bulk", [Moderator, Senior, Admin]),
        ("POST", "/api/v1/review/items/{itemId:guid}/release", [Moderator, Senior, Admin]),
        ("POST", "/api/v1/review/items/{itemId:guid}/renew", [Moderator, Senior, Admin]),
        ("POST", "/api/v1/review/reports", [Submitter, Admin]),
        ("POST", "/api/v1/appeals", [Submitter, Admin]),
        ("GET", "/api/v1/audit/entries", [Auditor, Admin]),
        ("GET", "/api/v1/audit/verify", [Auditor, Admin]),
        ("GET", "/api/v1/audit/checkpoint", [Auditor, Admin]),
        ("GET", "/api/v1/audit/checkpoint-key", [Auditor, Admin]),
        ("GET", "/api/v1/audit/export.csv", [Auditor, Admin]),
        ("GET", "/api/v1/audit/export.ndjson", [Auditor, Admin]),
        ("GET", "/api/v1/stats/overview", [Auditor, Admin]),
        ("GET", "/api/v1/admin/error-queues/", [Admin]),
        ("POST", "/api/v1/admin/error-queues/{queue}/redrive", [Admin]),
    ];

    private static readonly (string Role, string Key)[] RoleKeys =
    [
        (Submitter, TestKeys.Submitter),
        (Moderator, TestKeys.Moderator),
        (Senior, TestKeys.SeniorModerator),
        (Auditor, TestKeys.Auditor),
        (Admin, TestKeys.Admin),
    ];

    private ServiceHost _platform = null!;

    public async Task InitializeAsync() => _platform = await AllInOneHost.StartAsync();

    public async Task DisposeAsync() => await _platform.DisposeAsync();

    private ServiceHost Host => _platform;

    [Fact]
    public void The_matrix_names_every_endpoint_of_the_api()
    {
        var mapped = Host.Services.GetRequiredService<EndpointDataSource>().Endpoints
            .OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText?.StartsWith("/api/", StringComparison.Ordinal) == true)
            .SelectMany(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["*"]).Select(m => $"{m} {e.RoutePattern.RawText}"))
            .Order(StringComparer.Ordinal);
        Assert.Equal(Matrix.Select(m => $"{m.Method} {m.Route}").Order(StringComparer.Ordinal), mapped);
    }

    [Fact]
    public async Task Every_endpoint_answers_401_without_a_valid_key_403_without_the_role_and_neither_with_it()
    {
        var http = Host.Http();
        var wrong = new List<string>();
        foreach (var (method, route, roles) in Matrix)
        {
            var callers = RoleKeys.Select(r => (Caller: r.Role, Key: (string?)r.Key, Expected: roles.Contains(r.Role) ? (HttpStatusCode?)null : HttpStatusCode.Forbidden))
                .Append(("no key", null, HttpStatusCode.Unauthorized))
                .Append(("unknown key", "not-a-configured-key", HttpStatusCode.Unauthorized));
            foreach (var (caller, key, expected) in callers)
            {
                using var request = new HttpRequestMessage(new HttpMethod(method), Concrete(route));
                if (method == "POST")
                {
                    request.Content = new StringContent("{}", Encoding.UTF8, "application/json");
                }

                if (key is not null)
                {
                    request.Headers.Add(ModerationApiClients.ApiKeyHeader, key);
                }

                using var response = await http.SendAsync(request);
                var status = response.StatusCode;
                var right = expected is { } code ? status == code : status is not (HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden);
                if (!right)
                {
                    wrong.Add($"{method} {route} as {caller}: {(int)status}, expected {(expected is { } e ? ((int)e).ToString(System.Globalization.CultureInfo.InvariantCulture) : "neither 401 nor 403")}");
                }
                else if (expected is not null)
                {
                    Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
                }
            }
        }

        Assert.Empty(wrong);
    }

    /// <summary>The route with a fresh id in every parameter.</summary>
    private static string Concrete(string route) =>
        System.Text.RegularExpressions.Regex.Replace(route, "{[^}]+}", _ => Guid.NewGuid().ToString());
}
