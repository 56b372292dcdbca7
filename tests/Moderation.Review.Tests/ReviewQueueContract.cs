using Moderation.Contracts;
using Moderation.Review.Domain;
using Moderation.Review.Domain.Queue;
using Moderation.Review.Storage;
using Moderation.Storage;

namespace Moderation.Review.Tests;

/// <summary>What every adapter of <see cref="IReviewQueue"/> must do; run once per adapter.</summary>
public abstract class ReviewQueueContract : IDisposable
{
    private static readonly DateTimeOffset Now = ReviewSamples.Now;

    protected abstract IReviewQueue CreateQueue();

    protected abstract void DisposeQueue();

    private async Task<IReviewQueue> QueueAsync()
    {
        var queue = CreateQueue();
        await ((IModerationStore)queue).InitializeAsync(CancellationToken.None);
        await ((IModerationStore)queue).InitializeAsync(CancellationToken.None);
        return queue;
    }

    private static async Task<ReviewItem> EnqueueAsync(IReviewQueue queue, double score, Verdict verdict = Verdict.Review, DateTimeOffset? at = null, Guid? commentId = null)
    {
        var submissionId = Guid.NewGuid();
        await queue.UpsertBySubmissionAsync(submissionId, item =>
        {
            ReviewRules.ApplyContent(item, ContentKind.Comment, "Article", "text");
            if (commentId is { } id)
            {
                ReviewRules.ApplyThread(item, id, null, null);
            }

            return true;
        }, at ?? Now, CancellationToken.None);
        return await queue.UpsertBySubmissionAsync(submissionId, item =>
        {
            ReviewRules.ApplyClassification(item, ReviewSamples.Classified(submissionId, verdict, score, at: at));
            return true;
        }, at ?? Now, CancellationToken.None);
    }

    protected static ClaimRules Rules(int maxHeld) => new(TimeSpan.FromMinutes(5), maxHeld);

    private static Task<IReadOnlyList<ReviewItem>> ClaimAsync(IReviewQueue queue, string moderator, int count, int maxHeld = 100, bool senior = false) =>
        queue.ClaimAsync(new ClaimSpec(moderator, senior, count, Now, Rules(maxHeld)), CancellationToken.None);

    /// <summary>
    /// Runs one row of the rules' table against this adapter, and checks that the domain's reading of
    /// the same rules (<see cref="QueueCondition.IsMetBy"/>, <see cref="ReviewQueueOrder.Sort"/>) agrees.
    /// </summary>
    [SkippableTheory]
    [MemberData(nameof(QueueRuleCases.Names), MemberType = typeof(QueueRuleCases))]
    public async Task The_queue_follows_its_rules(string name)
    {
        var queue = await QueueAsync();
        var rule = QueueRuleCases.Named(name);
        var ids = await CaseItemSetup.EnqueueAsync(queue, rule.Items);
        var names = ids.ToDictionary(p => p.Value, p => p.Key);
        var at = Now + rule.Step.At;
        var before = (await Task.WhenAll(ids.Values.Select(id => queue.GetAsync(id, CancellationToken.None)))).Select(i => i!).ToList();
        IEnumerable<string> Named(IEnumerable<ReviewItem> items) => items.Select(i => names[i.ItemId]);
        IEnumerable<string> InDomain(QueueCondition condition) => Named(ReviewQueueOrder.Sort(before.Where(condition.IsMetBy), at));
        switch (rule.Step)
        {
            case QueueRuleStep.Served served:
                Assert.Equal(served.Expected, InDomain(ClaimRules.Open(at)));
                var pending = await queue.ListAsync(new ReviewQuery(ReviewItemState.Pending, null, 1, 100, at), CancellationToken.None);
                Assert.Equal(served.Expected, Named(pending.Items));
                Assert.Equal(served.Expected, Named(await queue.ClaimAsync(new ClaimSpec("senior-claimer", true, 100, at, Rules(100)), CancellationToken.None)));
                break;
            case QueueRuleStep.Claimed claimed:
                var claim = new ClaimSpec(claimed.Moderator, claimed.IsSenior, claimed.Count, at, Rules(claimed.MaxHeld));
                Assert.Equal(claimed.Expected, InDomain(claim.Claimable).Take(claim.Rules.Take(claim.Count, before.Count(claim.Held.IsMetBy))));
                var taken = await queue.ClaimAsync(claim, CancellationToken.None);
                Assert.Equal(claimed.Expected, Named(taken));
                Assert.All(taken, i => Assert.Equal((claimed.Moderator, claim.LeaseUntil), (i.ClaimedBy, i.LeaseUntil)));
                break;
            case QueueRuleStep.Listed listed:
                var query = new ReviewQuery(listed.State, null, 1, 100, at);
                Assert.Equal(listed.Expected, InDomain(query.Condition()));
                var page = await queue.ListAsync(query, CancellationToken.None);
                Assert.Equal(listed.Expected, Named(page.Items));
                Assert.Equal(listed.Expected.Count, page.Total);
                break;
            case QueueRuleStep.Decided decided:
                var decision = ReviewSamples.Decision(before.Single(i => names[i.ItemId] == decided.Item).SubmissionId, decided.Moderator, DecisionOutcome.Remove);
                var refusal = ReviewRefusal.None;
                var after = await queue.UpdateAsync(ids[decided.Item], i => (refusal = ReviewRules.Decide(i, decision, decided.IsSenior, at)) == ReviewRefusal.None, CancellationToken.None);
                Assert.Equal(decided.Expected, refusal);
                var stored = await queue.GetAsync(ids[decided.Item], CancellationToken.None);
                if (decided.Expected == ReviewRefusal.None)
                {
                    Assert.Equal((ReviewItemState.Decided, decision.DecisionId), (stored!.State, stored.Decision!.DecisionId));
                }
                else
                {
                    var unchanged = before.Single(i => i.ItemId == ids[decided.Item]);
                    Assert.Equal((unchanged.State, unchanged.ClaimedBy, unchanged.LeaseUntil, unchanged.Decisions.Count),
                        (stored!.State, stored.ClaimedBy, stored.LeaseUntil, stored.Decisions.Count));
                    Assert.Equal((after!.ClaimedBy, after.LeaseUntil), (stored.ClaimedBy, stored.LeaseUntil));
                }

                break;
            default:
                throw new InvalidOperationException($"No runner for {rule.Step}.");
        }
    }

    [SkippableFact]
    public async Task The_two_halves_of_an_item_arriving_at_once_make_one_queued_item()
    {
        var queue = await QueueAsync();
        var submissionId = Guid.NewGuid();
        await Task.WhenAll(
            Task.Run(() => queue.UpsertBySubmissionAsync(submissionId, item =>
            {
                ReviewRules.ApplyContent(item, ContentKind.Comment, "Article", "text");
                return true;
            }, Now, CancellationToken.None)),
            Task.Run(() => queue.UpsertBySubmissionAsync(submissionId, item =>
            {
                ReviewRules.ApplyClassification(item, ReviewSamples.Classified(submissionId, Verdict.Review));
                return true;
            }, Now, CancellationToken.None)));

        var (items, total, _) = await queue.ListAsync(new ReviewQuery(null, null, 1, 10, Now), CancellationToken.None);
        Assert.Equal(1, total);
        Assert.Equal(submissionId, Assert.Single(items).SubmissionId);
        Assert.Equal("text", items[0].Text);
    }

    [SkippableFact]
    public async Task The_queue_lists_only_review_items_worst_first_with_paging_and_category()
    {
        var queue = await QueueAsync();
        var mild = await EnqueueAsync(queue, 0.55);
        var worst = await EnqueueAsync(queue, 0.95);
        await EnqueueAsync(queue, 0.2, Verdict.Allow);

        var (items, total, _) = await queue.ListAsync(new ReviewQuery(ReviewItemState.Pending, null, 1, 1, Now), CancellationToken.None);
        Assert.Equal(2, total);
        Assert.Equal(worst.ItemId, Assert.Single(items).ItemId);
        var (second, _, _) = await queue.ListAsync(new ReviewQuery(ReviewItemState.Pending, null, 2, 1, Now), CancellationToken.None);
        Assert.Equal(mild.ItemId, Assert.Single(second).ItemId);

        var (threats, _, _) = await queue.ListAsync(new ReviewQuery(null, Categories.HarassmentThreatening, 1, 10, Now), CancellationToken.None);
        Assert.Equal(2, threats.Count);
        var (hate, hateTotal, _) = await queue.ListAsync(new ReviewQuery(null, Categories.Hate, 1, 10, Now), CancellationToken.None);
        Assert.Empty(hate);
        Assert.Equal(0, hateTotal);
    }

    [SkippableFact]
    public async Task A_claim_leases_the_worst_items_and_nobody_else_gets_them_until_the_lease_runs_out()
    {
        var queue = await QueueAsync();
        var mild = await EnqueueAsync(queue, 0.55);
        var worst = await EnqueueAsync(queue, 0.95);

        var alice = await queue.ClaimAsync(new ClaimSpec("alice", false, 1, Now, Rules(100)), CancellationToken.None);
        Assert.Equal(worst.ItemId, Assert.Single(alice).ItemId);
        Assert.Equal("alice", alice[0].ClaimedBy);
        Assert.Equal(Now.AddMinutes(5), alice[0].LeaseUntil);

        var bob = await queue.ClaimAsync(new ClaimSpec("bob", false, 5, Now.AddMinutes(1), Rules(100)), CancellationToken.None);
        Assert.Equal(mild.ItemId, Assert.Single(bob).ItemId);
        Assert.Empty(await queue.ClaimAsync(new ClaimSpec("carol", false, 5, Now.AddMinutes(2), Rules(100)), CancellationToken.None));

        var afterAlicesLease = await queue.ClaimAsync(new ClaimSpec("carol", false, 5, Now.AddMinutes(5).AddSeconds(1), Rules(100)), CancellationToken.None);
        Assert.Equal(worst.ItemId, Assert.Single(afterAlicesLease).ItemId);
        var (claimed, _, _) = await queue.ListAsync(new ReviewQuery(ReviewItemState.Claimed, null, 1, 10, Now.AddMinutes(5).AddSeconds(2)), CancellationToken.None);
        Assert.Equal(2, claimed.Count);
    }

    [SkippableFact]
    public async Task Fifty_concurrent_claimers_never_share_an_item_and_lose_none()
    {
        var queue = await QueueAsync();
        var enqueued = new List<Guid>();
        for (var i = 0; i < 60; i++)
        {
            enqueued.Add((await EnqueueAsync(queue, 0.5 + (i % 40) / 100.0)).ItemId);
        }

        var claims = await Task.WhenAll(Enumerable.Range(0, 50).Select(i =>
            Task.Run(() => queue.ClaimAsync(new ClaimSpec($"moderator-{i}", false, 2, Now, Rules(100)), CancellationToken.None))));

        var claimed = claims.SelectMany(c => c).Select(i => i.ItemId).ToList();
        Assert.Equal(claimed.Count, claimed.Distinct().Count());
        Assert.Equal(60, claimed.Count);
        Assert.Equal(enqueued.Order(), claimed.Order());
        Assert.All(claims.SelectMany((c, i) => c.Select(item => (item, i))), pair => Assert.Equal($"moderator-{pair.i}", pair.item.ClaimedBy));
    }

    [SkippableFact]
    public async Task A_decision_and_a_claim_of_the_same_free_item_at_once_never_both_take_it()
    {
        var queue = await QueueAsync();
        for (var round = 0; round < 20; round++)
        {
            var item = await EnqueueAsync(queue, 0.8);
            var decision = ReviewSamples.Decision(item.SubmissionId, "alice", DecisionOutcome.Remove);
            var refusal = ReviewRefusal.None;
            var claim = Task.Run(() => ClaimAsync(queue, "bob", 1));
            var decide = Task.Run(() => queue.UpdateAsync(item.ItemId, i => (refusal = ReviewRules.Decide(i, decision, false, Now)) == ReviewRefusal.None, CancellationToken.None));
            await Task.WhenAll(claim, decide);

            var stored = await queue.GetAsync(item.ItemId, CancellationToken.None);
            if (refusal == ReviewRefusal.None)
            {
                Assert.Empty(claim.Result);
                Assert.Equal((ReviewItemState.Decided, "alice"), (stored!.State, stored.Decision!.Actor));
            }
            else
            {
                Assert.Equal(ReviewRefusal.ClaimedByOther, refusal);
                Assert.Equal(item.ItemId, Assert.Single(claim.Result).ItemId);
                Assert.Equal((ReviewItemState.Claimed, "bob"), (stored!.State, stored.ClaimedBy));
                Assert.Empty(stored.Decisions);
            }
        }
    }

    [SkippableFact]
    public async Task Escalated_items_are_claimed_by_senior_moderators_only()
    {
        var queue = await QueueAsync();
        var item = await EnqueueAsync(queue, 0.8);
        await queue.UpdateAsync(item.ItemId, i =>
            ReviewRules.Decide(i, ReviewSamples.Decision(i.SubmissionId, "alice", DecisionOutcome.Escalate), false, Now) == ReviewRefusal.None, CancellationToken.None);

        Assert.Empty(await queue.ClaimAsync(new ClaimSpec("bob", false, 5, Now, Rules(100)), CancellationToken.None));
        Assert.Equal(item.ItemId, Assert.Single(await queue.ClaimAsync(new ClaimSpec("carol", true, 5, Now, Rules(100)), CancellationToken.None)).ItemId);
    }

    [SkippableFact]
    public async Task A_decision_is_stored_with_its_item_and_pending_until_marked_published()
    {
        var queue = await QueueAsync();
        var item = await EnqueueAsync(queue, 0.8);
        var decision = ReviewSamples.Decision(item.SubmissionId, "alice", DecisionOutcome.Remove);

        var decided = await queue.UpdateAsync(item.ItemId, i => ReviewRules.Decide(i, decision, false, Now) == ReviewRefusal.None, CancellationToken.None);
        Assert.Equal(ReviewItemState.Decided, decided!.State);
        Assert.Null(await queue.UpdateAsync(Guid.NewGuid(), _ => true, CancellationToken.None));

        var pending = Assert.Single(await queue.ListPendingAsync(Now.AddSeconds(1), 10, CancellationToken.None));
        Assert.Equal(decision.DecisionId, Assert.IsType<ModerationDecided>(pending.Message).DecisionId);
        Assert.Empty(await queue.ListPendingAsync(Now, 10, CancellationToken.None));

        await queue.MarkPublishedAsync([pending.Key], Now, CancellationToken.None);
        Assert.Empty(await queue.ListPendingAsync(Now.AddSeconds(1), 10, CancellationToken.None));
        var read = await queue.GetAsync(item.ItemId, CancellationToken.None);
        Assert.Equal(ReviewItemState.Decided, read!.State);
        Assert.Equal(DecisionOutcome.Remove, read.Decision!.Outcome);
        Assert.Empty(await queue.ClaimAsync(new ClaimSpec("bob", true, 5, Now, Rules(100)), CancellationToken.None));
    }

    [SkippableFact]
    public async Task Items_past_their_sla_come_first_and_are_counted()
    {
        var queue = await QueueAsync();
        var severe = await EnqueueAsync(queue, 0.95);
        var overdue = await EnqueueAsync(queue, 0.55, at: Now.AddHours(-1));

        var page = await queue.ListAsync(new ReviewQuery(ReviewItemState.Pending, null, 1, 10, Now), CancellationToken.None);
        Assert.Equal([overdue.ItemId, severe.ItemId], page.Items.Select(i => i.ItemId));
        Assert.Equal(1, page.PastSla);
        Assert.True(page.Items[0].IsPastSla(Now));

        var claimed = await ClaimAsync(queue, "alice", 1);
        Assert.Equal(overdue.ItemId, Assert.Single(claimed).ItemId);
        Assert.Equal(severe.ItemId, Assert.Single(await ClaimAsync(queue, "alice", 1)).ItemId);
    }

    [SkippableFact]
    public async Task A_moderator_never_holds_more_live_leases_than_allowed()
    {
        var queue = await QueueAsync();
        for (var i = 0; i < 5; i++)
        {
            await EnqueueAsync(queue, 0.6);
        }

        Assert.Equal(3, (await ClaimAsync(queue, "alice", 5, maxHeld: 3)).Count);
        Assert.Empty(await ClaimAsync(queue, "alice", 5, maxHeld: 3));
        Assert.Equal(2, (await ClaimAsync(queue, "bob", 5, maxHeld: 3)).Count);
    }

    [SkippableFact]
    public async Task One_moderators_simultaneous_claims_together_stay_within_the_leases_allowed()
    {
        var queue = await QueueAsync();
        for (var i = 0; i < 12; i++)
        {
            await EnqueueAsync(queue, 0.5 + i / 100.0);
        }

        // Two browser tabs, a double click, a retried request: the cap holds across all of them at once.
        var claims = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => Task.Run(() => ClaimAsync(queue, "alice", 3, maxHeld: 4))));

        var claimed = claims.SelectMany(c => c).Select(i => i.ItemId).ToList();
        Assert.Equal(claimed.Count, claimed.Distinct().Count());
        Assert.Equal(4, claimed.Count);
        var (held, total, _) = await queue.ListAsync(new ReviewQuery(ReviewItemState.Claimed, null, 1, 100, Now), CancellationToken.None);
        Assert.Equal(4, total);
        Assert.Equal(claimed.Order(), held.Select(i => i.ItemId).Order());
        Assert.All(held, i => Assert.Equal("alice", i.ClaimedBy));
    }

    [SkippableFact]
    public async Task An_appealed_item_is_not_claimed_by_the_moderator_who_removed_it_and_the_appeal_leaves_through_the_outbox_with_its_filer()
    {
        var queue = await QueueAsync();
        var item = await EnqueueAsync(queue, 0.8);
        var removal = ReviewSamples.Decision(item.SubmissionId, "alice", DecisionOutcome.Remove);
        await queue.UpdateAsync(item.ItemId, i => ReviewRules.Decide(i, removal, false, Now) == ReviewRefusal.None, CancellationToken.None);
        await queue.MarkPublishedAsync([DecisionKey.Of(item.ItemId, removal.DecisionId)], Now, CancellationToken.None);
        var appealId = Guid.NewGuid();
        await queue.UpdateAsync(item.ItemId, i => ReviewRules.Appeal(i, appealId, "it was satire", "townhall-client", QueuePriority.Default, Now) == ReviewRefusal.None, CancellationToken.None);

        Assert.Empty(await ClaimAsync(queue, "alice", 5));
        var claimed = Assert.Single(await ClaimAsync(queue, "bob", 5));
        Assert.Equal(item.ItemId, claimed.ItemId);
        Assert.Equal(removal.DecisionId, claimed.Appeal!.Event.AppealOf);

        var pending = Assert.Single(await queue.ListPendingAsync(Now.AddSeconds(1), 10, CancellationToken.None));
        var filed = Assert.IsType<AppealFiled>(pending.Message);
        Assert.Equal((appealId, "townhall-client"), (filed.AppealId, filed.FiledBy));
        await queue.MarkPublishedAsync([pending.Key], Now, CancellationToken.None);
        Assert.Empty(await queue.ListPendingAsync(Now.AddSeconds(1), 10, CancellationToken.None));
    }

    [SkippableFact]
    public async Task An_item_is_found_by_its_submission_and_by_its_comment()
    {
        var queue = await QueueAsync();
        var commentId = Guid.NewGuid();
        var item = await EnqueueAsync(queue, 0.8, commentId: commentId);

        Assert.Equal(item.ItemId, (await queue.GetBySubmissionAsync(item.SubmissionId, CancellationToken.None))!.ItemId);
        Assert.Equal(item.ItemId, (await queue.GetByCommentAsync(commentId, CancellationToken.None))!.ItemId);
        Assert.Null(await queue.GetBySubmissionAsync(Guid.NewGuid(), CancellationToken.None));
        Assert.Null(await queue.GetByCommentAsync(Guid.NewGuid(), CancellationToken.None));
    }

    [SkippableFact]
    public async Task Many_changes_in_one_call_create_and_change_items_in_the_order_given()
    {
        var queue = await QueueAsync();
        var existing = await EnqueueAsync(queue, 0.6, Verdict.Allow);
        var (fresh, untouched, alreadyClassified) = (Guid.NewGuid(), Guid.NewGuid(), existing.SubmissionId);

        var items = await queue.UpsertManyBySubmissionAsync(
        [
            new ReviewItemChange(fresh, item =>
            {
                ReviewRules.ApplyContent(item, ContentKind.Comment, "Article", "first half");
                return true;
            }),
            new ReviewItemChange(alreadyClassified, item => item.Verdict is null),
            new ReviewItemChange(untouched, _ => false),
            new ReviewItemChange(fresh, item =>
            {
                Assert.Equal("first half", item.Text);
                ReviewRules.ApplyClassification(item, ReviewSamples.Classified(fresh, Verdict.Review));
                return true;
            }),
        ], Now, CancellationToken.None);

        Assert.Equal([fresh, alreadyClassified, untouched, fresh], items.Select(i => i.SubmissionId));
        Assert.Same(items[0], items[3]);
        Assert.True(items[0].IsQueued);
        Assert.Equal(existing.ItemId, items[1].ItemId);

        var stored = await queue.GetBySubmissionAsync(fresh, CancellationToken.None);
        Assert.Equal(items[0].ItemId, stored!.ItemId);
        Assert.Equal("first half", stored.Text);
        Assert.Equal(Verdict.Review, stored.Verdict);
        Assert.Equal(items[2].ItemId, (await queue.GetBySubmissionAsync(untouched, CancellationToken.None))!.ItemId);
        Assert.Equal(Verdict.Allow, (await queue.GetBySubmissionAsync(alreadyClassified, CancellationToken.None))!.Verdict);
        var (queued, total, _) = await queue.ListAsync(new ReviewQuery(ReviewItemState.Pending, null, 1, 10, Now), CancellationToken.None);
        Assert.Equal(stored.ItemId, Assert.Single(queued).ItemId);
        Assert.Equal(1, total);
    }

    [SkippableFact]
    public async Task Many_changes_of_two_calls_at_once_on_the_same_items_are_both_kept()
    {
        var queue = await QueueAsync();
        var submissions = Enumerable.Range(0, 30).Select(_ => Guid.NewGuid()).ToList();

        await Task.WhenAll(
            Task.Run(() => queue.UpsertManyBySubmissionAsync([.. submissions.Select(id => new ReviewItemChange(id, item =>
            {
                ReviewRules.ApplyContent(item, ContentKind.Comment, "Article", "text");
                return true;
            }))], Now, CancellationToken.None)),
            Task.Run(() => queue.UpsertManyBySubmissionAsync([.. submissions.AsEnumerable().Reverse().Select(id => new ReviewItemChange(id, item =>
            {
                ReviewRules.ApplyClassification(item, ReviewSamples.Classified(id, Verdict.Review));
                return true;
            }))], Now, CancellationToken.None)));

        var page = await queue.ListAsync(new ReviewQuery(ReviewItemState.Pending, null, 1, 100, Now), CancellationToken.None);
        Assert.Equal(submissions.Order(), page.Items.Select(i => i.SubmissionId).Order());
        Assert.All(page.Items, i => Assert.Equal("text", i.Text));
    }

    [SkippableFact]
    public async Task Marking_many_events_published_at_once_marks_each_and_ignores_unknown_and_marked_ones()
    {
        var queue = await QueueAsync();
        var keys = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            var submissionId = Guid.NewGuid();
            var classified = ReviewSamples.Classified(submissionId, i % 2 == 0 ? Verdict.Allow : Verdict.Block);
            ModerationDecided? decision = null;
            var item = await queue.UpsertBySubmissionAsync(submissionId, item =>
            {
                ReviewRules.ApplyClassification(item, classified);
                decision = ReviewRules.DecideByPolicy(item, classified, Now);
                return true;
            }, Now, CancellationToken.None);
            keys.Add(DecisionKey.Of(item.ItemId, decision!.DecisionId));
        }

        var escalated = await EnqueueAsync(queue, 0.8);
        var escalation = ReviewSamples.Decision(escalated.SubmissionId, "alice", DecisionOutcome.Escalate);
        var removal = ReviewSamples.Decision(escalated.SubmissionId, "carol", DecisionOutcome.Remove);
        await queue.UpdateAsync(escalated.ItemId, i =>
            ReviewRules.Decide(i, escalation, false, Now) == ReviewRefusal.None && ReviewRules.Decide(i, removal, true, Now) == ReviewRefusal.None, CancellationToken.None);
        keys.Add(DecisionKey.Of(escalated.ItemId, escalation.DecisionId));
        keys.Add(DecisionKey.Of(escalated.ItemId, removal.DecisionId));
        Assert.Equal(keys.Order(), (await queue.ListPendingAsync(Now.AddSeconds(1), 100, CancellationToken.None)).Select(p => p.Key).Order());

        await queue.MarkPublishedAsync([keys[0]], Now, CancellationToken.None);
        await queue.MarkPublishedAsync([.. keys, DecisionKey.Of(Guid.NewGuid(), Guid.NewGuid()), DecisionKey.Of(escalated.ItemId, Guid.NewGuid())], Now.AddSeconds(1), CancellationToken.None);

        Assert.Empty(await queue.ListPendingAsync(Now.AddMinutes(1), 100, CancellationToken.None));
        var read = await queue.GetAsync(escalated.ItemId, CancellationToken.None);
        Assert.All(read!.Decisions, d => Assert.Equal(Now.AddSeconds(1), d.PublishedAt));
        Assert.Equal(DecisionOutcome.Remove, read.Decision!.Outcome);
        var first = await queue.GetAsync(DecisionKey.Parse(keys[0]).ItemId, CancellationToken.None);
        Assert.Equal(Now, Assert.Single(first!.Decisions).PublishedAt);
    }

    public void Dispose()
    {
        DisposeQueue();
        GC.SuppressFinalize(this);
    }
}
