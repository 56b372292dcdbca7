using System.Net;
using System.Net.Http.Headers;
using Moderation.Client;
using Moderation.Contracts;
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
    private const string Threat = "You know what is coming. You could be vaporized in your car tonight.";

    private static readonly TestPerson[] People =
    [
        new("alice", [Roles.Moderator]),
        new("bob", [Roles.Moderator]),
        new("tess", [Roles.Submitter], TestKeys.Publisher),
        new("nobodys-editor", [Roles.Submitter]),
        new("mallory", ["owner", "root"]),
    ];

    private TestIssuer Issuer => platform.Issuer;

    private ServiceHost Host => platform.Host;

    private async Task<T> SignedInAsync<T>(string person) => Host.BearerClient<T>(await Issuer.TokenAsync(person));

    public sealed class Platform : IssuedPlatform
    {
        protected override IReadOnlyList<TestPerson> People => OidcTests.People;
    }

    [Fact]
    public async Task Two_people_signed_in_with_their_own_tokens_remove_a_threat_and_after_an_appeal_approve_it()
    {
        var platform = Host.Client<IIngestionApi>(TestKeys.Submitter);
        var article = await platform.SubmitArticleAsync(new SubmitArticleRequest("news.example", "Council vote", "The council voted on the budget."));
        var comment = await platform.SubmitCommentAsync(article.ArticleId, new SubmitCommentRequest("reader42", Threat));

        var alice = await SignedInAsync<IReviewApi>("alice");
        var bob = await SignedInAsync<IReviewApi>("bob");
        var item = await Eventually.GetAsync(async () => (await alice.ClaimAsync(new ClaimRequest(5))).Items,
            items => items.Any(i => i.SubmissionId == comment.SubmissionId), what: "alice's claim on the comment");
        var claimed = Assert.Single(item, i => i.SubmissionId == comment.SubmissionId);
        Assert.Equal("alice", claimed.ClaimedBy);
        await alice.DecideAsync(claimed.ItemId, new DecisionRequest(DecisionOutcome.Remove, "threat", "threat against the reader"));
        await Eventually.GetAsync(() => platform.GetSubmissionAsync(comment.SubmissionId), v => v.Status == SubmissionStatus.Removed, what: "alice's removal");

        // The publisher's trust and safety editor files the author's appeal, signed in as herself.
        var tess = await SignedInAsync<IReviewApi>("tess");
        await tess.AppealAsync(new AppealRequest(comment.SubmissionId, "It quotes a film."));
        await Eventually.GetAsync(() => platform.GetSubmissionAsync(comment.SubmissionId), v => v.Status == SubmissionStatus.InReview, what: "the appeal reaching ingestion");

        // The appeal of alice's removal is for someone else.
        Assert.DoesNotContain((await alice.ClaimAsync(new ClaimRequest(5))).Items, i => i.ItemId == claimed.ItemId);
        var reopened = Assert.Single((await bob.ClaimAsync(new ClaimRequest(5))).Items, i => i.ItemId == claimed.ItemId);
        Assert.Equal("bob", reopened.ClaimedBy);
        await bob.DecideAsync(reopened.ItemId, new DecisionRequest(DecisionOutcome.Approve, "no-violation", "a film quote"));

        var admin = Host.Client<IIngestionApi>(TestKeys.Admin);
        var approved = await Eventually.GetAsync(() => admin.GetSubmissionAsync(comment.SubmissionId), v => v.Status == SubmissionStatus.Approved, what: "bob's approval");
        Assert.Equal("bob", approved.Decision!.Actor);

        var auditor = Host.Client<IAuditApi>(TestKeys.Auditor);
        var audit = await Eventually.GetAsync(() => auditor.ListEntriesAsync(comment.SubmissionId),
            p => p.Entries.Count(e => e.EventType == nameof(ModerationDecided)) == 2, what: "both people's decisions in the audit log");
        var decisions = audit.Entries.Where(e => e.EventType == nameof(ModerationDecided)).ToList();
        Assert.Contains("alice", decisions[0].Actor, StringComparison.Ordinal);
        Assert.Contains("bob", decisions[1].Actor, StringComparison.Ordinal);
        Assert.True((await auditor.VerifyAsync()).Ok);
    }

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
