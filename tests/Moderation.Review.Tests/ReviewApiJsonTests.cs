using System.Text.Json;
using Moderation.Client;
using Moderation.Contracts;
using Moderation.Testing;

namespace Moderation.Review.Tests;

/// <summary>The review API's JSON, name by name and in order, as users' scripts read it: Review's own types map to exactly this.</summary>
public sealed class ReviewApiJsonTests : IAsyncLifetime
{
    private static readonly string[] ItemNames =
    [
        "itemId", "submissionId", "kind", "title", "text", "verdict", "scores", "reasons", "topCategory", "priority", "status", "claimedBy",
        "leaseUntil", "createdAt", "decision", "parentCommentId", "parentText", "reportCount", "dueAt", "pastSla", "escalated", "appeal",
    ];

    private ReviewTestHost _review = null!;

    public async Task InitializeAsync() => _review = await ReviewTestHost.StartAsync();

    public async Task DisposeAsync() => await _review.DisposeAsync();

    [Fact]
    public async Task An_item_claimed_decided_and_appealed_keeps_the_names_and_values_of_the_api()
    {
        var queued = await _review.QueueCommentAsync("You will regret this.");
        var http = _review.Host.Http();
        http.DefaultRequestHeaders.Add(ModerationApiClients.ApiKeyHeader, TestKeys.Moderator);
        async Task<JsonElement> ItemAsync() => JsonDocument.Parse(await http.GetStringAsync($"/api/v1/review/items/{queued.ItemId}")).RootElement;

        await _review.Api(TestKeys.Moderator).ClaimAsync(new ClaimRequest(1));
        var claimed = await ItemAsync();
        Assert.Equal(ItemNames, Names(claimed));
        Assert.Equal(["category", "source", "detail", "field", "span"], Names(claimed.GetProperty("reasons")[0]));
        Assert.Equal(("comment", "review", "claimed", "moderator"),
            (claimed.GetProperty("kind").GetString(), claimed.GetProperty("verdict").GetString(), claimed.GetProperty("status").GetString(), claimed.GetProperty("claimedBy").GetString()));

        await _review.Api(TestKeys.Moderator).DecideAsync(queued.ItemId, new DecisionRequest(DecisionOutcome.Remove, "threat", "clear threat"));
        var decided = await ItemAsync();
        Assert.Equal(ItemNames, Names(decided));
        Assert.Equal(["decisionId", "outcome", "actorKind", "actor", "reasonCode", "note", "decidedAt"], Names(decided.GetProperty("decision")));
        Assert.Equal(("decided", "remove", "moderator", "clear threat"), (decided.GetProperty("status").GetString(),
            decided.GetProperty("decision").GetProperty("outcome").GetString(), decided.GetProperty("decision").GetProperty("actorKind").GetString(),
            decided.GetProperty("decision").GetProperty("note").GetString()));
        Assert.Equal(JsonValueKind.Null, decided.GetProperty("claimedBy").ValueKind);

        var appeal = await _review.Api(TestKeys.Submitter).AppealAsync(new AppealRequest(queued.SubmissionId, "satire"));
        var appealed = await ItemAsync();
        Assert.Equal(ItemNames, Names(appealed));
        Assert.Equal(["appealId", "appealOf", "reason", "filedAt", "excludedModerators"], Names(appealed.GetProperty("appeal")));
        Assert.Equal(appeal.AppealOf, appealed.GetProperty("appeal").GetProperty("appealOf").GetGuid());
        Assert.Equal("pending", appealed.GetProperty("status").GetString());
        Assert.Equal(JsonValueKind.Null, appealed.GetProperty("decision").ValueKind);

        var page = JsonDocument.Parse(await http.GetStringAsync("/api/v1/review/items")).RootElement;
        Assert.Equal(["items", "page", "pageSize", "total", "pastSla"], Names(page));
        Assert.Equal(ItemNames, Names(page.GetProperty("items")[0]));
    }

    private static IEnumerable<string> Names(JsonElement element) => element.EnumerateObject().Select(p => p.Name);
}
