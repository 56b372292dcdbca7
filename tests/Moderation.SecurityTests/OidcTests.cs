using System.Net;
using System.Net.Http.Headers;
using Moderation.ServiceDefaults;
using Moderation.Testing;

namespace Moderation.SecurityTests;

/// <summary>
/// People sign in as themselves: the services accept the access tokens of a real OpenID Connect
/// issuer (<see cref="TestIssuer"/>) beside the machines' API keys, and what a person does is
/// recorded under their own name.
/// </summary>
public sealed class OidcTests(OidcTests.Platform platform) : IClassFixture<OidcTests.Platform>
{
    private static readonly TestPerson[] People =
    [
        .. TwoPersonWalk.People,
        new("nobodys-editor", [Roles.Submitter]),
        new("mallory", ["owner", "root"]),
    ];

    private TestIssuer Issuer => platform.Issuer;

    private ServiceHost Host => platform.Host;

    public sealed class Platform : IssuedPlatform
    {
        protected override IReadOnlyList<TestPerson> People => OidcTests.People;
    }

    [Fact]
    public Task Two_people_signed_in_with_their_own_tokens_remove_a_threat_and_after_an_appeal_approve_it() =>
        new TwoPersonWalk(Issuer, Host, Host, Host).WalkAsync();

    [Fact]
    public async Task A_person_reaches_only_what_the_roles_in_their_token_allow()
    {
        using var aliceHttp = Host.Http();
        aliceHttp.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await Issuer.TokenAsync("alice"));
        Assert.Equal(HttpStatusCode.OK, (await aliceHttp.GetAsync("/api/v1/review/items")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await aliceHttp.GetAsync("/api/v1/audit/entries")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await aliceHttp.GetAsync("/api/v1/models")).StatusCode);

        // Roles the platform does not define give nothing.
        using var malloryHttp = Host.Http();
        malloryHttp.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await Issuer.TokenAsync("mallory"));
        Assert.Equal(HttpStatusCode.Forbidden, (await malloryHttp.GetAsync("/api/v1/review/items")).StatusCode);
    }

    [Fact]
    public async Task A_submitter_token_without_a_publisher_is_refused()
    {
        using var http = Host.Http();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await Issuer.TokenAsync("nobodys-editor"));
        Assert.Equal(HttpStatusCode.Unauthorized, (await http.GetAsync($"/api/v1/submissions/{Guid.NewGuid()}")).StatusCode);
    }

    [Fact]
    public async Task A_token_for_another_audience_from_anotherIssuer_or_forged_is_a_401()
    {
        await using var otherAudience = await TestIssuer.StartAsync(People, audience: "another-api");
        await using var otherIssuer = await TestIssuer.StartAsync(People);
        var aliceToken = await Issuer.TokenAsync("alice");
        var forged = string.Join('.', aliceToken.Split('.')[..2]) + ".c2lnbmF0dXJl";
        foreach (var token in new[] { await otherAudience.TokenAsync("alice"), await otherIssuer.TokenAsync("alice"), forged, "not-a-token" })
        {
            using var http = Host.Http();
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
            using var response = await http.GetAsync("/api/v1/review/items");
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        }
    }

    [Fact]
    public async Task Roles_are_read_from_the_claim_the_configuration_names()
    {
        var configuration = new Dictionary<string, string?>(Issuer.ServiceConfiguration) { ["Auth:Oidc:RoleClaim"] = "groups" };
        await using var host = await SecurityHosts.StartAsync(SecurityHosts.Review, configuration);
        using var http = host.Http();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await Issuer.TokenAsync("alice"));

        // Signed in, but the issuer's "role" claim is not where this service looks for roles.
        Assert.Equal(HttpStatusCode.Forbidden, (await http.GetAsync("/api/v1/review/items")).StatusCode);
    }
}
