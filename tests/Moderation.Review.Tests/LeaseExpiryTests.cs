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
