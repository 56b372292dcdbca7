using System.Net;
using Microsoft.Extensions.Time.Testing;
using Moderation.Client;
using Moderation.Contracts;
using Moderation.Testing;
using Refit;

namespace Moderation.Review.Tests;

/// <summary>A lease that runs out gives the item back to the queue, with the service's clock in the test's hands.</summary>
public sealed class LeaseExpiryTests : IAsyncLifetime
{
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(5);

    private readonly FakeTimeProvider _clock = new(DateTimeOffset.UtcNow);
    private ReviewTestHost _review = null!;

    public async Task InitializeAsync() =>
        _review = await ReviewTestHost.StartAsync(new Dictionary<string, string?> { ["Review:LeaseDuration"] = Lease.ToString() }, _clock);

    public async Task DisposeAsync() => await _review.DisposeAsync();

    [Fact]
    public async Task An_item_whose_lease_ran_out_returns_to_the_queue_and_the_first_holder_can_no_longer_decide_it()
    {
        var queued = await _review.QueueCommentAsync("You will regret this.");
        var first = _review.Api(TestKeys.Moderator);
        Assert.Equal(queued.ItemId, Assert.Single((await first.ClaimAsync(new ClaimRequest(1))).Items).ItemId);

        var second = _review.Api(TestKeys.SeniorModerator);
        _clock.Advance(Lease - TimeSpan.FromSeconds(1));
        Assert.Empty((await second.ClaimAsync(new ClaimRequest(1))).Items);

        _clock.Advance(TimeSpan.FromSeconds(2));
        var claim = await second.ClaimAsync(new ClaimRequest(1));
        Assert.Single(claim.Items);
        Assert.Equal(queued.ItemId, claim.Items[0].ItemId);
        Assert.Equal("senior", claim.Items[0].ClaimedBy);

        var decided = await second.DecideAsync(queued.ItemId, new DecisionRequest(DecisionOutcome.Remove, "threat"));
        Assert.Equal(ReviewItemStatus.Decided, decided.Status);
        var late = await Assert.ThrowsAnyAsync<ApiException>(() => first.DecideAsync(queued.ItemId, new DecisionRequest(DecisionOutcome.Approve, "no-violation")));
        Assert.Equal(HttpStatusCode.Conflict, late.StatusCode);
    }
}
