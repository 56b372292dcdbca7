using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Moderation.Client;
using Moderation.ServiceDefaults;
using Moderation.Testing;

namespace Moderation.SecurityTests;

/// <summary>
/// Every endpoint the all-in-one host maps, called by every role, as a key and as a signed-in person,
/// for its own publisher and for another, and without valid credentials. The rules are written out
/// by hand from docs/security.md, not read from the code; an endpoint the table has no rule for fails
/// the first test, so a new endpoint cannot ship without its rule.
/// </summary>
public sealed partial class AccessMatrixTests(AccessMatrixTests.Platform platform) : IClassFixture<AccessMatrixTests.Platform>
{
    private const string Submitter = Roles.Submitter;
    private const string Moderator = Roles.Moderator;
    private const string Senior = Roles.SeniorModerator;
    private const string Auditor = Roles.Auditor;
    private const string Admin = Roles.Admin;
    private const string Threat = "You know what is coming. You could be vaporized in your car tonight.";

    /// <summary>
    /// Who may call what. <c>Owned</c>: the route names a submission or article of the platform's own
    /// publisher; another publisher's submitter gets 404 there, as for an id that does not exist.
    /// A route ending in <c>*</c> stands for every route under it (the console's static files).
    /// </summary>
    private static readonly Rule[] Rules =
    [
        new("POST", "/api/v1/articles", [Submitter, Admin], Body: _ => Json("""{"source":"matrix.example","title":"Matrix","body":"A matrix article."}""")),
        new("POST", "/api/v1/articles/import", [Submitter, Admin], Body: _ => new StringContent("Matrix\n\nA matrix page.", Encoding.UTF8, "text/plain")),
        new("POST", "/api/v1/articles/{articleId:guid}/comments", [Submitter, Admin], Owned: true, Body: _ => Json("""{"author":"matrix","body":"A comment from the matrix."}""")),
        new("GET", "/api/v1/articles/{articleId:guid}", [Submitter, Admin], Owned: true),
        new("POST", "/api/v1/submissions/batch", [Submitter, Admin], Body: _ => new StringContent("""{"kind":"article","source":"matrix.example","title":"Batch","body":"A batch line."}""" + "\n", Encoding.UTF8, "application/x-ndjson")),
        new("GET", "/api/v1/submissions/{submissionId:guid}", [Submitter, Admin], Owned: true),
        new("POST", "/api/v1/classify", [Submitter, Admin]),
        new("POST", "/api/v1/classify/batch", [Submitter, Admin]),
        new("POST", "/api/v1/training/examples", [Admin]),
        new("POST", "/api/v1/training/runs", [Admin]),
        new("GET", "/api/v1/models", [Admin]),
        new("GET", "/api/v1/review/items", [Moderator, Senior, Admin]),
        new("GET", "/api/v1/review/items/{itemId:guid}", [Moderator, Senior, Admin]),
        new("POST", "/api/v1/review/claims", [Moderator, Senior, Admin]),
        new("POST", "/api/v1/review/items/{itemId:guid}/decision", [Moderator, Senior, Admin]),
        new("POST", "/api/v1/review/decisions/bulk", [Moderator, Senior, Admin]),
        new("POST", "/api/v1/review/items/{itemId:guid}/release", [Moderator, Senior, Admin]),
        new("POST", "/api/v1/review/items/{itemId:guid}/renew", [Moderator, Senior, Admin]),
        new("POST", "/api/v1/review/reports", [Submitter, Admin], Owned: true, Body: r => Json($$"""{"submissionId":"{{r.CommentSubmissionId}}","reason":"threatening"}""")),
        new("POST", "/api/v1/appeals", [Submitter, Admin], Owned: true, Body: r => Json($$"""{"submissionId":"{{r.CommentSubmissionId}}","reason":"a film quote"}""")),
        new("GET", "/api/v1/audit/entries", [Auditor, Admin]),
        new("GET", "/api/v1/audit/verify", [Auditor, Admin]),
        new("GET", "/api/v1/audit/checkpoint", [Auditor, Admin]),
        new("GET", "/api/v1/audit/checkpoint-key", [Auditor, Admin]),
        new("GET", "/api/v1/audit/export.csv", [Auditor, Admin]),
        new("GET", "/api/v1/audit/export.ndjson", [Auditor, Admin]),
        new("GET", "/api/v1/stats/overview", [Auditor, Admin]),
        new("GET", "/api/v1/admin/error-queues/", [Admin]),
        new("POST", "/api/v1/admin/error-queues/{queue}/redrive", [Admin]),
        new(AnyMethod, "/health/live", Anyone),
        new(AnyMethod, "/health/ready", Anyone),
        new(AnyMethod, "/metrics", Anyone),
        new("GET", "/openapi/{documentName}.json", Anyone),
        new("GET", "/review", Anyone),
        new("GET", "/dashboard", Anyone),
        new("GET", "/audit", Anyone),
        new("GET", "/console/session", Anyone),
        new("GET", "/console/signin", Anyone),
        new("POST", "/console/signout", Anyone),
        new("GET", "/console/review/*", Anyone),
        new("GET", "/console/audit/*", Anyone),
    ];

    /// <summary>The method of an endpoint mapped for every method; it is called with GET.</summary>
    private const string AnyMethod = "*";

    /// <summary>Marks a rule that needs no credentials at all.</summary>
    private static string[] Anyone => [];

    private ServiceHost Host => platform.Host;

    [Fact]
    public void The_table_has_a_rule_for_every_endpoint_the_host_maps()
    {
        var mapped = MappedEndpoints();

        Assert.Empty(mapped.Where(e => RuleFor(e.Method, e.Route) is null).Select(e => $"{e.Method} {e.Route}"));
        Assert.Empty(Rules.Where(r => !mapped.Any(e => r.Matches(e.Method, e.Route))).Select(r => $"{r.Method} {r.Route} (a rule for no endpoint)"));
    }

    [Fact]
    public async Task Every_endpoint_answers_every_caller_as_the_table_says()
    {
        var resources = await platform.ResourcesAsync();
        var wrong = new List<string>();

        // Redirects are answers too (the console's sign-in is one); following them would judge another host's.
        using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = Host.Address };
        foreach (var (mappedMethod, route) in MappedEndpoints())
        {
            var rule = RuleFor(mappedMethod, route) ?? throw new InvalidOperationException($"No rule for {mappedMethod} {route}.");
            var method = mappedMethod == AnyMethod ? "GET" : mappedMethod;
            foreach (var caller in await platform.CallersAsync())
            {
                var expected = Expect(rule, caller);
                using var request = new HttpRequestMessage(new HttpMethod(method), Concrete(route, resources)) { Content = method == "POST" ? rule.ContentFor(resources) : null };
                caller.Authenticate(request);
                using var response = await http.SendAsync(request);
                if (!expected.Admits(response.StatusCode))
                {
                    wrong.Add($"{method} {route} as {caller.Name}: {(int)response.StatusCode}, expected {expected}");
                }
            }
        }

        Assert.Empty(wrong);
    }

    private List<(string Method, string Route)> MappedEndpoints() =>
        [.. Host.Services.GetRequiredService<EndpointDataSource>().Endpoints
            .OfType<RouteEndpoint>()
            .SelectMany(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? [AnyMethod]).Select(m => (Method: m, Route: e.RoutePattern.RawText ?? "")))];

    private static Expectation Expect(Rule rule, Caller caller)
    {
        if (rule.Roles.Count == 0)
        {
            return Expectation.NotRefused;
        }

        if (caller.Roles.Count == 0)
        {
            return Expectation.Unauthorized;
        }

        if (!rule.Roles.Intersect(caller.Roles).Any())
        {
            return Expectation.Forbidden;
        }

        if (!rule.Owned)
        {
            return Expectation.NotRefused;
        }

        return caller.Roles.Contains(Admin) || caller.Publisher == TestKeys.Publisher ? Expectation.Found : Expectation.NotFound;
    }

    private static Rule? RuleFor(string method, string route) => Rules.SingleOrDefault(r => r.Matches(method, route));

    /// <summary>The route with the platform's own article and submission in their places, and a fresh id anywhere else.</summary>
    private static string Concrete(string route, Resources resources) => RouteParameter().Replace(route, m => m.Groups["name"].Value switch
    {
        "articleId" => resources.ArticleId.ToString(),
        "submissionId" => resources.CommentSubmissionId.ToString(),
        "documentName" => "v1",
        _ => Guid.NewGuid().ToString(),
    });

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    [GeneratedRegex("{(?<name>[^}:]+)(:[^}]+)?}")]
    private static partial Regex RouteParameter();

    private sealed record Rule(string Method, string Route, IReadOnlyList<string> Roles, bool Owned = false, Func<Resources, HttpContent>? Body = null)
    {
        public bool Matches(string method, string route) =>
            method == Method && (Route.EndsWith('*') ? route.StartsWith(Route[..^1], StringComparison.Ordinal) : route == Route);

        public HttpContent ContentFor(Resources resources) => Body?.Invoke(resources) ?? Json("{}");
    }

    /// <summary>What the platform's own publisher has: an article and, under it, a threatening comment waiting in the review queue.</summary>
    public sealed record Resources(Guid ArticleId, Guid CommentSubmissionId);

    /// <summary>Who calls: by key, by bearer token, or with nothing valid (no roles).</summary>
    public sealed record Caller(string Name, IReadOnlyList<string> Roles, string? Publisher, string? ApiKey = null, string? Token = null)
    {
        public void Authenticate(HttpRequestMessage request)
        {
            if (ApiKey is not null)
            {
                request.Headers.Add(ModerationApiClients.ApiKeyHeader, ApiKey);
            }

            if (Token is not null)
            {
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Token);
            }
        }
    }

    private sealed record Expectation(string Description, Func<HttpStatusCode, bool> Admits)
    {
        public static readonly Expectation Unauthorized = new("401", s => s == HttpStatusCode.Unauthorized);
        public static readonly Expectation Forbidden = new("403", s => s == HttpStatusCode.Forbidden);
        public static readonly Expectation NotFound = new("404", s => s == HttpStatusCode.NotFound);
        public static readonly Expectation NotRefused = new("neither 401 nor 403", s => s is not (HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden));
        public static readonly Expectation Found = new("neither 401, 403 nor 404", s => s is not (HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden or HttpStatusCode.NotFound));

        public override string ToString() => Description;
    }

    /// <summary>The issuer, the four services in one host that trusts it, and the platform's own resources, shared by the tests of the class.</summary>
    public sealed class Platform : IssuedPlatform
    {
        private static readonly TestPerson[] Persons =
        [
            new("tess", [Submitter], TestKeys.Publisher),
            new("otto", [Submitter], TestKeys.OtherPublisher),
            new("alice", [Moderator]),
            new("carol", [Senior]),
            new("dave", [Auditor]),
            new("erin", [Admin]),
        ];

        private Resources? _resources;

        protected override IReadOnlyList<TestPerson> People => Persons;

        // The matrix sends many requests without valid credentials; it is not a test of their limit.
        protected override IReadOnlyDictionary<string, string?> Configuration { get; } =
            new Dictionary<string, string?> { ["RateLimit:FailedAuthenticationsPerWindow"] = "100000" };

        public async Task<IReadOnlyList<Caller>> CallersAsync()
        {
            var callers = new List<Caller>
            {
                new("no credentials", [], null),
                new("an unknown key", [], null, ApiKey: "a-key-nobody-configured"),
                new("a forged token", [], null, Token: "eyJhbGciOiJub25lIn0.eyJzdWIiOiJtYWxsb3J5In0."),
                new("the own publisher's submitter key", [Submitter], TestKeys.Publisher, ApiKey: TestKeys.Submitter),
                new("another publisher's submitter key", [Submitter], TestKeys.OtherPublisher, ApiKey: TestKeys.OtherSubmitter),
                new("a moderator's key", [Moderator], null, ApiKey: TestKeys.Moderator),
                new("a senior moderator's key", [Senior], null, ApiKey: TestKeys.SeniorModerator),
                new("an auditor's key", [Auditor], null, ApiKey: TestKeys.Auditor),
                new("an admin's key", [Admin], null, ApiKey: TestKeys.Admin),
            };
            foreach (var person in Persons)
            {
                callers.Add(new($"{person.Name}'s token", person.Roles, person.Publisher, Token: await Issuer.TokenAsync(person.Name)));
            }

            return callers;
        }

        public async Task<Resources> ResourcesAsync()
        {
            if (_resources is not null)
            {
                return _resources;
            }

            var own = Host.Client<IIngestionApi>(TestKeys.Submitter);
            var article = await own.SubmitArticleAsync(new SubmitArticleRequest("news.example", "Council vote", "The council voted on the budget."));
            var comment = await own.SubmitCommentAsync(article.ArticleId, new SubmitCommentRequest("reader42", Threat));
            await Eventually.GetAsync(() => Host.Client<IReviewApi>(TestKeys.Admin).ListItemsAsync(pageSize: 100),
                p => p.Items.Any(i => i.SubmissionId == comment.SubmissionId), what: "the comment in the review queue");
            return _resources = new Resources(article.ArticleId, comment.SubmissionId);
        }
    }
}
