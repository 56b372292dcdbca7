using System.Net;
using Moderation.Client;
using Moderation.Contracts;
using Moderation.Testing;
using Refit;

namespace Moderation.Review.Tests;

/// <summary>A lease that runs out gives the item back to the queue: a one-second lease, polled, never timed.</summary>
public sealed class LeaseExpiryTests : IAsyncLifetime
{
    private ReviewTestHost _review = null!;

    public async Task InitializeAsync() =>
        _review = await ReviewTestHost.StartAsync(new Dictionary<string, string?> { ["Review:LeaseDuration"] = "00:00:01" });

    public async Task DisposeAsync() => await _review.DisposeAsync();

    [Fact]
    public async Task An_item_whose_lease_ran_out_returns_to_the_queue_and_the_first_holder_can_no_longer_decide_it()
    {
        var queued = await _review.QueueCommentAsync("You will regret this.");
        var first = _review.Api(TestKeys.Moderator);
        Assert.Equal(queued.ItemId, Assert.Single((await first.ClaimAsync(new ClaimRequest(1))).Items).ItemId);

        var second = _review.Api(TestKeys.SeniorModerator);
        var claim = await Eventually.GetAsync(() => second.ClaimAsync(new ClaimRequest(1)), c => c.Items.Count == 1, what: "the expired lease to free the item");
        Assert.Equal(queued.ItemId, claim.Items[0].ItemId);
        Assert.Equal("senior", claim.Items[0].ClaimedBy);

        var decided = await second.DecideAsync(queued.ItemId, new DecisionRequest(DecisionOutcome.Remove, "threat"));
        Assert.Equal(ReviewItemStatus.Decided, decided.Status);
        var late = await Assert.ThrowsAnyAsync<ApiException>(() => first.DecideAsync(queued.ItemId, new DecisionRequest(DecisionOutcome.Approve, "no-violation")));
        Assert.Equal(HttpStatusCode.Conflict, late.StatusCode);
    }
}

/// <summary>Fifty moderators, each with a key of their own, claiming at once through the HTTP API.</summary>
public sealed class ConcurrentClaimTests : IAsyncLifetime
{
    private const int Claimers = 50;
    private const int Items = 60;
    private ReviewTestHost _review = null!;

    private static string KeyOf(int moderator) => $"claimer-key-{moderator}";

    public async Task InitializeAsync()
    {
        var configuration = new Dictionary<string, string?>();
        for (var i = 0; i < Claimers; i++)
        {
            // After the five keys every test host has.
            configuration[$"Auth:ApiKeys:{5 + i}:Name"] = $"claimer-{i}";
            configuration[$"Auth:ApiKeys:{5 + i}:Key"] = i % 2 == 0 ? KeyOf(i) : $"sha256:{Moderation.ServiceDefaults.ApiKeyHash.Of(KeyOf(i))}";
            configuration[$"Auth:ApiKeys:{5 + i}:Roles:0"] = "moderator";
        }

        _review = await ReviewTestHost.StartAsync(configuration);
    }

    public async Task DisposeAsync() => await _review.DisposeAsync();

    [Fact]
    public async Task Fifty_concurrent_claimers_never_get_the_same_item_and_lose_none()
    {
        var enqueued = new List<Guid>();
        for (var i = 0; i < Items; i++)
        {
            enqueued.Add(await _review.SubmitCommentAsync($"Threat number {i}.", ReviewSamples.Classified(Guid.NewGuid(), Verdict.Review, 0.5 + i % 40 / 100.0, at: DateTimeOffset.UtcNow)));
        }

        var admin = _review.Api(TestKeys.Admin);
        await Eventually.GetAsync(() => admin.ListItemsAsync(ReviewItemStatus.Pending), p => p.Total == Items, what: "all items queued");

        var clients = Enumerable.Range(0, Claimers).Select(i => _review.Api(KeyOf(i))).ToList();
        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var running = clients.Select((client, i) => Task.Run(async () =>
        {
            await start.Task;
            return (Moderator: $"claimer-{i}", Items: (await client.ClaimAsync(new ClaimRequest(2))).Items);
        })).ToList();
        start.SetResult();
        var claims = await Task.WhenAll(running);

        var claimed = claims.SelectMany(c => c.Items.Select(item => (c.Moderator, item))).ToList();
        Assert.Equal(claimed.Count, claimed.Select(c => c.item.ItemId).Distinct().Count());
        Assert.Equal(Items, claimed.Count);
        Assert.All(claimed, c => Assert.Equal(c.Moderator, c.item.ClaimedBy));
        Assert.Equal(enqueued.Order(), claimed.Select(c => c.item.SubmissionId).Order());

        var held = await admin.ListItemsAsync(ReviewItemStatus.Claimed, pageSize: 100);
        Assert.Equal(Items, held.Total);
        Assert.All(held.Items, item => Assert.Equal(claimed.Single(c => c.item.ItemId == item.ItemId).Moderator, item.ClaimedBy));
        Assert.Equal(0, (await admin.ListItemsAsync(ReviewItemStatus.Pending)).Total);
    }
}
