using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Moderation.ServiceDefaults;
using Moderation.Testing;

namespace Moderation.SecurityTests;

/// <summary>
/// The console signs people in through the issuer with the authorization-code flow and PKCE, and keeps
/// them in a cookie that acts only with the console's header. The test is the browser: it follows the
/// redirects by hand, and the issuer signs in whoever <c>login_hint</c> names.
/// </summary>
public sealed class ConsoleSignInTests(ConsoleSignInTests.Platform platform) : IClassFixture<ConsoleSignInTests.Platform>
{
    private TestIssuer Issuer => platform.Issuer;

    private ServiceHost Host => platform.Host;

    public sealed class Platform : IssuedPlatform
    {
        protected override IReadOnlyList<TestPerson> People { get; } = [new("alice", [Roles.Moderator]), new("dave", [Roles.Auditor]), new("tess", [Roles.Submitter])];
    }

    [Fact]
    public async Task A_moderator_signs_in_to_the_console_works_the_queue_as_herself_and_signs_out()
    {
        using var browser = Browser();
        Assert.False((await SessionAsync(browser)).GetProperty("signedIn").GetBoolean());

        var landing = await SignInAsync(browser, "alice", returnUrl: "/review");
        Assert.Equal("/review", landing);

        var session = await SessionAsync(browser);
        Assert.True(session.GetProperty("signedIn").GetBoolean());
        Assert.Equal("alice", session.GetProperty("name").GetString());
        Assert.Equal([Roles.Moderator], session.GetProperty("roles").EnumerateArray().Select(r => r.GetString()));

        using (var claim = ConsoleRequest(HttpMethod.Post, "/api/v1/review/claims", JsonContent.Create(new { count = 1 })))
        {
            using var claimed = await browser.SendAsync(claim);
            Assert.Equal(HttpStatusCode.OK, claimed.StatusCode);
        }

        // The cookie alone, as a page of another site would send it, authenticates nothing.
        using (var withoutHeader = await browser.GetAsync("/api/v1/review/items"))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, withoutHeader.StatusCode);
        }

        using (var signOut = await browser.SendAsync(ConsoleRequest(HttpMethod.Post, ConsoleSignIn.SignOutPath)))
        {
            Assert.Equal(HttpStatusCode.NoContent, signOut.StatusCode);
        }

        Assert.False((await SessionAsync(browser)).GetProperty("signedIn").GetBoolean());
        using var afterSignOut = await browser.SendAsync(ConsoleRequest(HttpMethod.Get, "/api/v1/review/items"));
        Assert.Equal(HttpStatusCode.Unauthorized, afterSignOut.StatusCode);
    }

    [Fact]
    public async Task The_session_carries_only_the_roles_theIssuer_gave_and_the_sign_in_returns_only_to_this_site()
    {
        using var browser = Browser();
        Assert.Equal("/review", await SignInAsync(browser, "alice", returnUrl: "https://elsewhere.example/phish"));

        using var audit = await browser.SendAsync(ConsoleRequest(HttpMethod.Get, "/api/v1/audit/entries"));
        Assert.Equal(HttpStatusCode.Forbidden, audit.StatusCode);
    }

    [Fact]
    public async Task A_submitter_without_a_publisher_is_refused_at_sign_in()
    {
        using var browser = Browser();
        var authorize = await browser.GetAsync($"{ConsoleSignIn.SignInPath}?loginHint=tess");
        var callback = await FollowIssuerAsync(authorize);

        using var refused = await browser.GetAsync(callback);
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        Assert.False((await SessionAsync(browser)).GetProperty("signedIn").GetBoolean());
    }

    [Fact]
    public async Task With_shared_cookie_keys_one_sign_in_serves_the_consoles_of_two_services()
    {
        var keys = Directory.CreateTempSubdirectory("console-keys-");
        try
        {
            var configuration = new Dictionary<string, string?>(Issuer.ServiceConfiguration) { ["Auth:Oidc:KeyRingDirectory"] = keys.FullName };
            await using var review = await SecurityHosts.StartAsync(SecurityHosts.Review, configuration);
            await using var audit = await SecurityHosts.StartAsync(SecurityHosts.Audit, configuration);

            // One browser, one host name: the cookie the review service sets goes to the audit service too.
            var cookies = new CookieContainer();
            using var atReview = Browser(review, cookies);
            using var atAudit = Browser(audit, cookies);
            await SignInAsync(atReview, review, "dave", returnUrl: "/dashboard");

            Assert.Equal("dave", (await SessionAsync(atAudit)).GetProperty("name").GetString());
            using var entries = await atAudit.SendAsync(ConsoleRequest(HttpMethod.Get, "/api/v1/audit/entries"));
            Assert.Equal(HttpStatusCode.OK, entries.StatusCode);
        }
        finally
        {
            keys.Delete(recursive: true);
        }
    }

    /// <summary>A client of <paramref name="host"/> (the platform by default) that keeps cookies and follows no redirect, as the test walks them itself.</summary>
    private HttpClient Browser(ServiceHost? host = null, CookieContainer? cookies = null) =>
        new(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = true, CookieContainer = cookies ?? new CookieContainer() }) { BaseAddress = (host ?? Host).Address };

    private static HttpRequestMessage ConsoleRequest(HttpMethod method, string path, HttpContent? content = null)
    {
        var request = new HttpRequestMessage(method, path) { Content = content };
        request.Headers.Add(ConsoleSignIn.HeaderName, "1");
        return request;
    }

    /// <summary>Signs <paramref name="person"/> in at <paramref name="host"/> (the platform by default); returns where the console sends them afterwards.</summary>
    private async Task<string> SignInAsync(HttpClient browser, string person, string returnUrl) => await SignInAsync(browser, Host, person, returnUrl);

    private async Task<string> SignInAsync(HttpClient browser, ServiceHost host, string person, string returnUrl)
    {
        using var start = await browser.GetAsync($"{ConsoleSignIn.SignInPath}?returnUrl={Uri.EscapeDataString(returnUrl)}&loginHint={person}");
        var callback = await FollowIssuerAsync(start, host);
        using var signedIn = await browser.GetAsync(callback);
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        return signedIn.Headers.Location!.OriginalString;
    }

    /// <summary>The issuer's authorization endpoint, reached from the console's redirect; returns the console's callback with the code.</summary>
    private async Task<Uri> FollowIssuerAsync(HttpResponseMessage consoleRedirect, ServiceHost? host = null)
    {
        Assert.Equal(HttpStatusCode.Redirect, consoleRedirect.StatusCode);
        var authorize = consoleRedirect.Headers.Location!;
        Assert.Equal(Issuer.Authority.Authority, authorize.Authority);
        Assert.Contains("code_challenge_method=S256", authorize.Query, StringComparison.Ordinal);

        using var issuer = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false });
        using var answer = await issuer.GetAsync(authorize);
        Assert.Equal(HttpStatusCode.Redirect, answer.StatusCode);
        var callback = answer.Headers.Location!;
        Assert.Equal((host ?? Host).Address.Authority, callback.Authority);
        Assert.Equal(ConsoleSignIn.CallbackPath, callback.AbsolutePath);
        return callback;
    }

    private static async Task<JsonElement> SessionAsync(HttpClient browser) =>
        await browser.GetFromJsonAsync<JsonElement>(ConsoleSignIn.SessionPath);
}
