using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Moderation.Client;
using Moderation.Contracts;
using Moderation.Review.Storage;
using Moderation.Testing;
using Refit;

namespace Moderation.Review.Tests;

/// <summary>Review on its own: events in through its bus, moderators through the HTTP API.</summary>
public sealed class ReviewApiTests : IAsyncLifetime
{
    private ReviewTestHost _review = null!;
    private ServiceHost _host = null!;

    public async Task InitializeAsync()
    {
        _review = await ReviewTestHost.StartAsync(new Dictionary<string, string?>
        {
            ["Review:ReasonCodes:0"] = "threat",
            ["Review:ReasonCodes:1"] = "no-violation",
        });
        _host = _review.Host;
    }

    public async Task DisposeAsync() => await _review.DisposeAsync();

    private Task<ReviewItemView> QueueCommentAsync(string text) => _review.QueueCommentAsync(text);

    [Fact]
    public async Task A_moderator_claims_decides_and_the_decision_leaves_through_the_outbox()
    {
        var queued = await QueueCommentAsync("You will regret this.");
        Assert.Equal("You will regret this.", queued.Text);
        Assert.Equal("The article", queued.Title);
        Assert.Equal(ReviewItemStatus.Pending, queued.Status);

        var moderator = _host.Client<IReviewApi>(TestKeys.Moderator);
        var claim = await moderator.ClaimAsync(new ClaimRequest(5));
        var claimed = Assert.Single(claim.Items);
        Assert.Equal("moderator", claimed.ClaimedBy);
        Assert.True(claimed.LeaseUntil > DateTimeOffset.UtcNow);

        var decided = await moderator.DecideAsync(claimed.ItemId, new DecisionRequest(DecisionOutcome.Remove, "threat", "clear threat"));
        Assert.Equal(ReviewItemStatus.Decided, decided.Status);
        Assert.Equal(DecisionOutcome.Remove, decided.Decision!.Outcome);
        var queue = _host.Services.GetRequiredService<IReviewQueue>();
        Assert.Empty(await queue.ListPendingAsync(DateTimeOffset.MaxValue, 10, CancellationToken.None));

        var again = await Assert.ThrowsAnyAsync<ApiException>(() => moderator.DecideAsync(claimed.ItemId, new DecisionRequest(DecisionOutcome.Approve, "no-violation")));
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
    }

    [Fact]
    public async Task An_item_leased_to_one_moderator_is_a_409_for_another()
    {
        var queued = await QueueCommentAsync("I know where you live.");
        var senior = _host.Client<IReviewApi>(TestKeys.SeniorModerator);
        Assert.Contains(queued.ItemId, (await senior.ClaimAsync(new ClaimRequest(20))).Items.Select(i => i.ItemId));

        var other = _host.Client<IReviewApi>(TestKeys.Moderator);
        var error = await Assert.ThrowsAnyAsync<ApiException>(() => other.DecideAsync(queued.ItemId, new DecisionRequest(DecisionOutcome.Approve, "no-violation")));
        Assert.Equal(HttpStatusCode.Conflict, error.StatusCode);
        var release = await Assert.ThrowsAnyAsync<ApiException>(() => other.ReleaseAsync(queued.ItemId));
        Assert.Equal(HttpStatusCode.Conflict, release.StatusCode);

        var released = await senior.ReleaseAsync(queued.ItemId);
        Assert.Equal(ReviewItemStatus.Pending, released.Status);
    }

    [Fact]
    public async Task An_escalated_item_is_decided_by_a_senior_moderator_only()
    {
        var queued = await QueueCommentAsync("You are going to die.");
        var moderator = _host.Client<IReviewApi>(TestKeys.Moderator);
        await moderator.DecideAsync(queued.ItemId, new DecisionRequest(DecisionOutcome.Escalate, "threat"));

        var refused = await Assert.ThrowsAnyAsync<ApiException>(() => moderator.DecideAsync(queued.ItemId, new DecisionRequest(DecisionOutcome.Remove, "threat")));
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);

        var decided = await _host.Client<IReviewApi>(TestKeys.SeniorModerator).DecideAsync(queued.ItemId, new DecisionRequest(DecisionOutcome.Remove, "threat"));
        Assert.Equal(ReviewItemStatus.Decided, decided.Status);
    }

    [Fact]
    public async Task A_decision_with_an_unknown_reason_or_label_is_a_400_naming_them()
    {
        var queued = await QueueCommentAsync("You will pay for this.");
        var moderator = _host.Client<IReviewApi>(TestKeys.Moderator);
        var error = await Assert.ThrowsAsync<ValidationApiException>(() => moderator.DecideAsync(queued.ItemId,
            new DecisionRequest(DecisionOutcome.Remove, "because", Labels: new Dictionary<string, int> { ["nonsense"] = 1, [Categories.Hate] = 3 })));
        Assert.Equal(HttpStatusCode.BadRequest, error.StatusCode);
        Assert.Contains("reason", error.Content!.Errors.Keys);
        Assert.Equal(2, error.Content.Errors["labels"].Length);
        Assert.Equal(ReviewItemStatus.Pending, (await moderator.GetItemAsync(queued.ItemId)).Status);
    }

    [Fact]
    public async Task The_queue_is_filtered_by_a_status_written_as_the_api_documents_it_and_a_wrong_one_is_a_named_400()
    {
        var queued = await QueueCommentAsync("You will regret this.");
        var http = _host.Http();
        http.DefaultRequestHeaders.Add(ModerationApiClients.ApiKeyHeader, TestKeys.Moderator);
        var pending = await http.GetStringAsync("/api/v1/review/items?status=pending&category=harassment/threatening");
        Assert.Contains(queued.ItemId.ToString(), pending, StringComparison.Ordinal);
        Assert.DoesNotContain(queued.ItemId.ToString(), await http.GetStringAsync("/api/v1/review/items?status=decided"), StringComparison.Ordinal);

        using var wrong = await http.GetAsync("/api/v1/review/items?status=waiting");
        Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);
        Assert.Contains("\"status\"", await wrong.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(21)]
    public async Task A_claim_outside_its_limits_is_a_400(int count)
    {
        var error = await Assert.ThrowsAsync<ValidationApiException>(() => _host.Client<IReviewApi>(TestKeys.Moderator).ClaimAsync(new ClaimRequest(count)));
        Assert.Contains("count", error.Content!.Errors.Keys);
    }

    [Theory]
    [InlineData(null, HttpStatusCode.Unauthorized)]
    [InlineData(TestKeys.Submitter, HttpStatusCode.Forbidden)]
    [InlineData(TestKeys.Auditor, HttpStatusCode.Forbidden)]
    public async Task Only_moderators_see_the_queue(string? key, HttpStatusCode expected)
    {
        var error = await Assert.ThrowsAnyAsync<ApiException>(() => _host.Client<IReviewApi>(key).ListItemsAsync());
        Assert.Equal(expected, error.StatusCode);
    }
}
