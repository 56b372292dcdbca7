using System.Net;
using Moderation.Client;
using Moderation.Contracts;
using Moderation.Testing;
using Refit;

namespace Moderation.Review.Tests;

/// <summary>What a moderator's day in the queue relies on, through the HTTP API.</summary>
public sealed class ReviewWorkflowTests : IAsyncLifetime
{
    private ReviewTestHost _review = null!;

    public async Task InitializeAsync() =>
        _review = await ReviewTestHost.StartAsync(new Dictionary<string, string?> { ["Review:MaxHeldPerModerator"] = "3" });

    public async Task DisposeAsync() => await _review.DisposeAsync();

    private static ContentClassified Classified(double score, string category = Categories.HarassmentThreatening, DateTimeOffset? at = null, Verdict verdict = Verdict.Review) =>
        ReviewSamples.Classified(Guid.NewGuid(), verdict, score, at: at ?? DateTimeOffset.UtcNow, category: category);

    [Fact]
    public async Task An_item_past_its_sla_is_served_first_marked_and_counted()
    {
        var severe = await _review.QueueCommentAsync("You will regret this.", Classified(0.95));
        var overdue = await _review.QueueCommentAsync("Buy cheap watches here.", Classified(0.7, Categories.Spam, DateTimeOffset.UtcNow.AddDays(-1)));

        var moderator = _review.Api(TestKeys.Moderator);
        var page = await moderator.ListItemsAsync(ReviewItemStatus.Pending);
        Assert.Equal([overdue.ItemId, severe.ItemId], page.Items.Select(i => i.ItemId));
        Assert.True(page.Items[0].PastSla);
        Assert.False(page.Items[1].PastSla);
        Assert.Equal(1, page.PastSla);
        Assert.True(severe.Priority > overdue.Priority);
        Assert.True(severe.DueAt <= DateTimeOffset.UtcNow.AddMinutes(15));

        Assert.Equal(overdue.ItemId, Assert.Single((await moderator.ClaimAsync(new ClaimRequest(1))).Items).ItemId);
        await moderator.DecideAsync(overdue.ItemId, new DecisionRequest(DecisionOutcome.Remove, "spam"));

        // Hosts of tests running alongside export into the same process-wide meters, so look for this decision's series.
        await Eventually.GetAsync(() => _review.Host.Http().GetStringAsync("/metrics"),
            m => m.Split('\n').Any(l => l.StartsWith("moderation_review_decisions_total{", StringComparison.Ordinal)
                && l.Contains("outcome=\"remove\"", StringComparison.Ordinal) && l.Contains("past_sla=\"true\"", StringComparison.Ordinal)),
            what: "a removal past its SLA in the decision counter");
    }

    [Fact]
    public async Task A_threat_outranks_a_spam_comment_at_the_same_score_by_its_category_weight()
    {
        var spam = await _review.QueueCommentAsync("Buy cheap watches here.", Classified(0.8, Categories.Spam));
        var threat = await _review.QueueCommentAsync("You will regret this.", Classified(0.8));
        Assert.True(threat.Priority > spam.Priority);
        Assert.Equal(threat.ItemId, (await _review.Api(TestKeys.Moderator).ListItemsAsync()).Items[0].ItemId);
    }

    [Fact]
    public async Task A_moderator_holds_at_most_the_configured_number_and_renews_a_lease_of_their_own()
    {
        for (var i = 0; i < 5; i++)
        {
            await _review.QueueCommentAsync($"Threat number {i}.");
        }

        var moderator = _review.Api(TestKeys.Moderator);
        var claimed = (await moderator.ClaimAsync(new ClaimRequest(5))).Items;
        Assert.Equal(3, claimed.Count);
        Assert.Empty((await moderator.ClaimAsync(new ClaimRequest(5))).Items);

        var renewed = await moderator.RenewAsync(claimed[0].ItemId);
        Assert.True(renewed.LeaseUntil >= claimed[0].LeaseUntil);
        Assert.Equal("moderator", renewed.ClaimedBy);
        var notTheirs = await Assert.ThrowsAnyAsync<ApiException>(() => _review.Api(TestKeys.SeniorModerator).RenewAsync(claimed[0].ItemId));
        Assert.Equal(HttpStatusCode.Conflict, notTheirs.StatusCode);

        await moderator.ReleaseAsync(claimed[0].ItemId);
        Assert.Single((await moderator.ClaimAsync(new ClaimRequest(5))).Items);
    }

    [Fact]
    public async Task A_bulk_decision_decides_each_item_on_its_own_and_reports_each_result()
    {
        var first = await _review.QueueCommentAsync("Spam one.");
        var second = await _review.QueueCommentAsync("Spam two.");
        var heldByOther = await _review.QueueCommentAsync("Spam three.");
        var senior = _review.Api(TestKeys.SeniorModerator);
        Assert.Equal(3, (await senior.ClaimAsync(new ClaimRequest(3))).Items.Count);
        await senior.ReleaseAsync(first.ItemId);
        await senior.ReleaseAsync(second.ItemId);

        var unknown = Guid.NewGuid();
        var result = await _review.Api(TestKeys.Moderator).DecideBulkAsync(new BulkDecisionRequest(
            [first.ItemId, second.ItemId, heldByOther.ItemId, unknown], DecisionOutcome.Remove, "spam", "bot wave"));

        Assert.Equal(2, result.Decided);
        Assert.Equal(2, result.Refused);
        Assert.Equal([200, 200, 409, 404], result.Results.Select(r => r.Status));
        Assert.Equal([first.ItemId, second.ItemId, heldByOther.ItemId, unknown], result.Results.Select(r => r.ItemId));
        var decisions = result.Results.Take(2).Select(r => r.Item!.Decision!).ToList();
        Assert.All(decisions, d => Assert.Equal(DecisionOutcome.Remove, d.Outcome));
        Assert.NotEqual(decisions[0].DecisionId, decisions[1].DecisionId);
        Assert.Empty(await _review.Queue.ListPendingAsync(DateTimeOffset.MaxValue, 10, CancellationToken.None));

        var tooMany = await Assert.ThrowsAsync<ValidationApiException>(() => _review.Api(TestKeys.Moderator).DecideBulkAsync(
            new BulkDecisionRequest([first.ItemId, first.ItemId], DecisionOutcome.Remove, "spam")));
        Assert.Contains("itemIds", tooMany.Content!.Errors.Keys);
    }

    [Fact]
    public async Task Reports_on_a_queued_submission_raise_its_count_and_priority_instead_of_making_new_items()
    {
        var queued = await _review.QueueCommentAsync("You will regret this.");
        var platform = _review.Api(TestKeys.Submitter);

        ReportAccepted? last = null;
        foreach (var _ in Enumerable.Range(0, 3))
        {
            last = await platform.ReportAsync(new ReportRequest(queued.SubmissionId, "threatening a user"));
        }

        Assert.Equal(3, last!.ReportCount);
        Assert.Equal(queued.ItemId, last.ItemId);
        Assert.True(last.Priority > queued.Priority);
        var page = await _review.Api(TestKeys.Moderator).ListItemsAsync(pageSize: 100);
        var item = Assert.Single(page.Items, i => i.SubmissionId == queued.SubmissionId);
        Assert.Equal(3, item.ReportCount);
        Assert.Equal(1, page.Total);

        var unknown = await Assert.ThrowsAnyAsync<ApiException>(() => platform.ReportAsync(new ReportRequest(Guid.NewGuid(), "spam")));
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        var invalid = await Assert.ThrowsAsync<ValidationApiException>(() => platform.ReportAsync(new ReportRequest(null, new string('x', 1_001))));
        Assert.Equal(["reason", "submissionId"], invalid.Content!.Errors.Keys.Order());

        await _review.Api(TestKeys.Moderator).DecideAsync(queued.ItemId, new DecisionRequest(DecisionOutcome.Approve, "no-violation"));
        var decided = await Assert.ThrowsAnyAsync<ApiException>(() => platform.ReportAsync(new ReportRequest(queued.SubmissionId, "still bad")));
        Assert.Equal(HttpStatusCode.Conflict, decided.StatusCode);
    }

    [Fact]
    public async Task An_appeal_reopens_a_removal_for_another_moderator_once_and_its_decision_names_the_removal()
    {
        var queued = await _review.QueueCommentAsync("You will regret this.");
        var remover = _review.Api(TestKeys.Moderator);
        var removed = await remover.DecideAsync(queued.ItemId, new DecisionRequest(DecisionOutcome.Remove, "threat"));
        var platform = _review.Api(TestKeys.Submitter);

        var appeal = await platform.AppealAsync(new AppealRequest(queued.SubmissionId, "It was a quote from a film."));
        Assert.Equal(removed.Decision!.DecisionId, appeal.AppealOf);
        Assert.Equal(queued.ItemId, appeal.ItemId);

        Assert.Empty((await remover.ClaimAsync(new ClaimRequest(5))).Items);
        var own = await Assert.ThrowsAnyAsync<ApiException>(() => remover.DecideAsync(queued.ItemId, new DecisionRequest(DecisionOutcome.Approve, "no-violation")));
        Assert.Equal(HttpStatusCode.Forbidden, own.StatusCode);

        var other = _review.Api(TestKeys.SeniorModerator);
        var reopened = Assert.Single((await other.ClaimAsync(new ClaimRequest(5))).Items);
        Assert.Equal(queued.ItemId, reopened.ItemId);
        Assert.Equal(appeal.AppealId, reopened.Appeal!.AppealId);
        Assert.Equal(["moderator"], reopened.Appeal.ExcludedModerators);
        var approved = await other.DecideAsync(queued.ItemId, new DecisionRequest(DecisionOutcome.Approve, "no-violation", "satire"));
        Assert.Equal(DecisionOutcome.Approve, approved.Decision!.Outcome);
        Assert.Equal("senior", approved.Decision.Actor);

        var stored = await _review.Queue.GetAsync(queued.ItemId, CancellationToken.None);
        Assert.Equal(removed.Decision.DecisionId, stored!.Decisions[^1].Event.AppealOf);
        Assert.Null(stored.Decisions[0].Event.AppealOf);
        Assert.Empty(await _review.Queue.ListPendingAsync(DateTimeOffset.MaxValue, 10, CancellationToken.None));

        var twice = await Assert.ThrowsAnyAsync<ApiException>(() => platform.AppealAsync(new AppealRequest(queued.SubmissionId, "again")));
        Assert.Equal(HttpStatusCode.Conflict, twice.StatusCode);
    }

    [Fact]
    public async Task Only_a_removed_submission_can_be_appealed()
    {
        var queued = await _review.QueueCommentAsync("You will regret this.");
        var platform = _review.Api(TestKeys.Submitter);
        var pending = await Assert.ThrowsAnyAsync<ApiException>(() => platform.AppealAsync(new AppealRequest(queued.SubmissionId, "why?")));
        Assert.Equal(HttpStatusCode.Conflict, pending.StatusCode);
        var unknown = await Assert.ThrowsAnyAsync<ApiException>(() => platform.AppealAsync(new AppealRequest(Guid.NewGuid(), "why?")));
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        var invalid = await Assert.ThrowsAsync<ValidationApiException>(() => platform.AppealAsync(new AppealRequest(queued.SubmissionId, " ")));
        Assert.Contains("reason", invalid.Content!.Errors.Keys);
    }

    [Theory]
    [InlineData(Verdict.Allow, DecisionOutcome.Approve)]
    [InlineData(Verdict.Block, DecisionOutcome.Remove)]
    public async Task An_allow_or_block_verdict_is_recorded_as_the_policy_s_own_final_decision(Verdict verdict, DecisionOutcome outcome)
    {
        var classified = Classified(verdict == Verdict.Allow ? 0.1 : 0.99, verdict: verdict);
        await _review.SubmitCommentAsync("Some text.", classified);
        var item = await Eventually.GetAsync(() => _review.Queue.GetBySubmissionAsync(classified.SubmissionId, CancellationToken.None),
            i => i?.Decision is not null && !i.HasUnpublishedEvents, what: "the policy's decision, published");

        Assert.Equal(outcome, item!.Decision!.Outcome);
        Assert.Equal(DecisionActorKind.Policy, item.Decision.ActorKind);
        Assert.Equal("policy-1", item.Decision.Actor);
        Assert.Equal("policy", item.Decision.ReasonCode);
        Assert.True(Assert.Single(item.Decisions).Event.IsFinal);
        Assert.Equal(0, (await _review.Api(TestKeys.Moderator).ListItemsAsync()).Total);

        var report = await Assert.ThrowsAnyAsync<ApiException>(() => _review.Api(TestKeys.Submitter).ReportAsync(new ReportRequest(classified.SubmissionId, "looks fine to me")));
        Assert.Equal(HttpStatusCode.Conflict, report.StatusCode);
    }

    [Fact]
    public async Task A_removal_by_the_policy_can_be_appealed_and_any_moderator_takes_the_appeal()
    {
        var blocked = Classified(0.99, verdict: Verdict.Block);
        await _review.SubmitCommentAsync("I will find you.", blocked);
        await Eventually.GetAsync(() => _review.Queue.GetBySubmissionAsync(blocked.SubmissionId, CancellationToken.None),
            i => i?.Decision is not null, what: "the policy's removal");

        var appeal = await _review.Api(TestKeys.Submitter).AppealAsync(new AppealRequest(blocked.SubmissionId, "Song lyrics."));
        var claimed = Assert.Single((await _review.Api(TestKeys.Moderator).ClaimAsync(new ClaimRequest(5))).Items);
        Assert.Equal(appeal.ItemId, claimed.ItemId);
        Assert.Equal(Verdict.Block, claimed.Verdict);
        Assert.Empty(claimed.Appeal!.ExcludedModerators);
    }

    [Fact]
    public async Task A_reply_shows_the_comment_it_answers()
    {
        var parentId = Guid.NewGuid();
        await _review.QueueCommentAsync("Nobody here agrees with you.", commentId: parentId);
        var reply = await _review.QueueCommentAsync("Say that again and you will regret it.", parentCommentId: parentId);

        Assert.Equal(parentId, reply.ParentCommentId);
        Assert.Equal("Nobody here agrees with you.", reply.ParentText);
        Assert.Equal("The article", reply.Title);
    }

    [Fact]
    public async Task An_escalated_item_is_claimed_by_a_senior_moderator_only()
    {
        var queued = await _review.QueueCommentAsync("You are going to die.");
        var moderator = _review.Api(TestKeys.Moderator);
        var escalated = await moderator.DecideAsync(queued.ItemId, new DecisionRequest(DecisionOutcome.Escalate, "threat"));
        Assert.True(escalated.Escalated);

        Assert.Empty((await moderator.ClaimAsync(new ClaimRequest(5))).Items);
        var senior = _review.Api(TestKeys.SeniorModerator);
        Assert.Equal(queued.ItemId, Assert.Single((await senior.ClaimAsync(new ClaimRequest(5))).Items).ItemId);
        var removed = await senior.DecideAsync(queued.ItemId, new DecisionRequest(DecisionOutcome.Remove, "threat"));
        Assert.Equal("senior", removed.Decision!.Actor);
    }
}
