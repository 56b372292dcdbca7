using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Moderation.Client;
using Moderation.Contracts;
using Moderation.ServiceDefaults;
using Moderation.Testing;
using Refit;

namespace Moderation.Review.Tests;

/// <summary>Decisions honour claims, through the HTTP API; run once per store the service can use.</summary>
public abstract class DecisionClaimsApiContract : IAsyncLifetime
{
    private const string SecondSeniorKey = "test-second-senior-key";

    private ReviewTestHost? _review;

    /// <summary>The configuration that puts the host on this store; skips the test when the store cannot be reached.</summary>
    protected abstract IReadOnlyDictionary<string, string?> Store();

    /// <summary>Drops what <see cref="Store"/> made, once the host has stopped.</summary>
    protected virtual void DisposeStore()
    {
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        if (_review is not null)
        {
            await _review.DisposeAsync();
        }

        DisposeStore();
    }

    [SkippableFact]
    public async Task Deciding_an_item_another_moderator_holds_is_a_409_naming_the_holder_and_the_end_of_the_lease()
    {
        var review = await StartAsync();
        var queued = await review.QueueCommentAsync("You will regret this.");
        var held = Assert.Single((await review.Api(TestKeys.SeniorModerator).ClaimAsync(new ClaimRequest(1))).Items);

        using var response = await Http(review, TestKeys.Moderator).PostAsJsonAsync(
            $"/api/v1/review/items/{queued.ItemId}/decision", new DecisionRequest(DecisionOutcome.Approve, "no-violation"), ModerationJson.Options);

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("senior", problem.GetProperty("heldBy").GetString());
        Assert.Equal(held.LeaseUntil, problem.GetProperty("leaseExpiresAt").GetDateTimeOffset());
        var item = await review.Api(TestKeys.Moderator).GetItemAsync(queued.ItemId);
        Assert.Equal((ReviewItemStatus.Claimed, "senior", held.LeaseUntil, null), (item.Status, item.ClaimedBy, item.LeaseUntil, item.Decision));
    }

    [SkippableFact]
    public async Task Deciding_an_item_nobody_holds_takes_it_for_the_decider()
    {
        var review = await StartAsync();
        var queued = await review.QueueCommentAsync("You will regret this.");

        var decided = await review.Api(TestKeys.Moderator).DecideAsync(queued.ItemId, new DecisionRequest(DecisionOutcome.Remove, "threat"));

        Assert.Equal((ReviewItemStatus.Decided, "moderator"), (decided.Status, decided.Decision!.Actor));
        Assert.Empty((await review.Api(TestKeys.SeniorModerator).ClaimAsync(new ClaimRequest(5))).Items);
    }

    [SkippableFact]
    public async Task A_bulk_decision_takes_the_items_the_caller_holds_or_nobody_holds_and_skips_the_rest_saying_why()
    {
        var review = await StartAsync();
        var moderator = review.Api(TestKeys.Moderator);
        var heldByOther = await review.QueueCommentAsync("Spam held by another.");
        Assert.Single((await review.Api(TestKeys.SeniorModerator).ClaimAsync(new ClaimRequest(1))).Items);
        var heldByCaller = await review.QueueCommentAsync("Spam held by the caller.");
        Assert.Equal(heldByCaller.ItemId, Assert.Single((await moderator.ClaimAsync(new ClaimRequest(1))).Items).ItemId);
        var free = await review.QueueCommentAsync("Spam nobody holds.");
        var escalated = await review.QueueCommentAsync("A threat, escalated.");
        await review.Api(TestKeys.Admin).DecideAsync(escalated.ItemId, new DecisionRequest(DecisionOutcome.Escalate, "threat"));
        var decided = await review.QueueCommentAsync("Spam already removed.");
        await review.Api(TestKeys.Admin).DecideAsync(decided.ItemId, new DecisionRequest(DecisionOutcome.Remove, "spam"));
        var unknown = Guid.NewGuid();

        var result = await moderator.DecideBulkAsync(new BulkDecisionRequest(
            [heldByCaller.ItemId, free.ItemId, heldByOther.ItemId, escalated.ItemId, decided.ItemId, unknown], DecisionOutcome.Remove, "spam"));

        Assert.Equal((2, 4), (result.Decided, result.Refused));
        Assert.Equal([200, 200, 409, 403, 409, 404], result.Results.Select(r => r.Status));
        Assert.Equal(
            [(heldByOther.ItemId, "claimed-by-other"), (escalated.ItemId, "needs-senior-moderator"), (decided.ItemId, "already-decided"), (unknown, "not-found")],
            result.Skipped.Select(s => (s.ItemId, s.Reason)));
        Assert.All(result.Results.Take(2), r => Assert.Equal("moderator", r.Item!.Decision!.Actor));
        var stillHeld = await moderator.GetItemAsync(heldByOther.ItemId);
        Assert.Equal((ReviewItemStatus.Claimed, "senior"), (stillHeld.Status, stillHeld.ClaimedBy));
    }

    [SkippableFact]
    public async Task An_appeal_of_a_removal_at_senior_tier_stays_at_senior_tier_for_a_senior_other_than_the_remover()
    {
        var review = await StartAsync();
        var queued = await review.QueueCommentAsync("You are going to die.");
        var moderator = review.Api(TestKeys.Moderator);
        var senior = review.Api(TestKeys.SeniorModerator);
        await moderator.DecideAsync(queued.ItemId, new DecisionRequest(DecisionOutcome.Escalate, "threat"));
        var removal = (await senior.DecideAsync(queued.ItemId, new DecisionRequest(DecisionOutcome.Remove, "threat"))).Decision!;

        var appeal = await review.Api(TestKeys.Submitter).AppealAsync(new AppealRequest(queued.SubmissionId, "It was a line from a film."));

        var appealed = await moderator.GetItemAsync(queued.ItemId);
        Assert.Equal((ReviewItemStatus.Pending, true), (appealed.Status, appealed.Escalated));
        Assert.Equal(["senior"], appealed.Appeal!.ExcludedModerators);
        Assert.Empty((await moderator.ClaimAsync(new ClaimRequest(5))).Items);
        await AssertRefusedAsync(HttpStatusCode.Forbidden, moderator.DecideAsync(queued.ItemId, new DecisionRequest(DecisionOutcome.Approve, "no-violation")));
        Assert.Empty((await senior.ClaimAsync(new ClaimRequest(5))).Items);
        await AssertRefusedAsync(HttpStatusCode.Forbidden, senior.DecideAsync(queued.ItemId, new DecisionRequest(DecisionOutcome.Approve, "no-violation")));

        var secondSenior = review.Api(SecondSeniorKey);
        Assert.Equal(queued.ItemId, Assert.Single((await secondSenior.ClaimAsync(new ClaimRequest(5))).Items).ItemId);
        var approved = await secondSenior.DecideAsync(queued.ItemId, new DecisionRequest(DecisionOutcome.Approve, "no-violation"));
        Assert.Equal(("second-senior", DecisionOutcome.Approve), (approved.Decision!.Actor, approved.Decision.Outcome));
        Assert.Equal(removal.DecisionId, appeal.AppealOf);
        var stored = await review.Queue.GetAsync(queued.ItemId, CancellationToken.None);
        Assert.Equal(removal.DecisionId, stored!.Decisions[^1].Event.AppealOf);
    }

    private async Task<ReviewTestHost> StartAsync() => _review = await ReviewTestHost.StartAsync(new Dictionary<string, string?>(Store())
    {
        // After the five keys every test host has.
        ["Auth:ApiKeys:5:Name"] = "second-senior",
        ["Auth:ApiKeys:5:Key"] = SecondSeniorKey,
        ["Auth:ApiKeys:5:Roles:0"] = Roles.SeniorModerator,
    });

    private static HttpClient Http(ReviewTestHost review, string key)
    {
        var http = review.Host.Http();
        http.DefaultRequestHeaders.Add(ModerationApiClients.ApiKeyHeader, key);
        return http;
    }

    private static async Task AssertRefusedAsync(HttpStatusCode expected, Task call) =>
        Assert.Equal(expected, (await Assert.ThrowsAnyAsync<ApiException>(() => call)).StatusCode);
}
