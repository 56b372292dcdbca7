using Moderation.Client;
using Moderation.Contracts;
using Moderation.Testing;

namespace Moderation.Review.Tests;

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
