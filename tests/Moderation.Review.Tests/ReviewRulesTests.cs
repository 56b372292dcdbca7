using Moderation.Contracts;
using Moderation.Review.Domain;
using Moderation.Review.Domain.Queue;

namespace Moderation.Review.Tests;

/// <summary>The domain's rules on one item, in memory.</summary>
public class ReviewRulesTests
{
    private static readonly DateTimeOffset Now = ReviewSamples.Now;

    [Fact]
    public void An_item_is_queued_only_once_it_has_both_its_content_and_a_review_verdict()
    {
        var contentFirst = ReviewItem.New(Guid.NewGuid(), Now);
        ReviewRules.ApplyContent(contentFirst, ContentKind.Comment, "A", "text");
        Assert.False(contentFirst.IsQueued);
        ReviewRules.ApplyClassification(contentFirst, ReviewSamples.Classified(contentFirst.SubmissionId, Verdict.Review));
        Assert.True(contentFirst.IsQueued);

        var verdictFirst = ReviewItem.New(Guid.NewGuid(), Now);
        ReviewRules.ApplyClassification(verdictFirst, ReviewSamples.Classified(verdictFirst.SubmissionId, Verdict.Review));
        Assert.False(verdictFirst.IsQueued);
        ReviewRules.ApplyContent(verdictFirst, ContentKind.Comment, "A", "text");
        Assert.True(verdictFirst.IsQueued);

        var allowed = ReviewItem.New(Guid.NewGuid(), Now);
        ReviewRules.ApplyContent(allowed, ContentKind.Comment, "A", "text");
        ReviewRules.ApplyClassification(allowed, ReviewSamples.Classified(allowed.SubmissionId, Verdict.Allow));
        Assert.False(allowed.IsQueued);
    }

    [Fact]
    public void The_top_category_and_a_higher_priority_for_worse_content_come_from_the_scores()
    {
        var worse = ReviewSamples.Queued(0.9);
        var milder = ReviewSamples.Queued(0.55);
        Assert.Equal(Categories.HarassmentThreatening, worse.TopCategory);
        Assert.True(worse.Priority > milder.Priority);
    }

    [Fact]
    public void When_a_parent_ties_its_sub_category_the_sub_category_is_the_top_one()
    {
        var item = ReviewItem.New(Guid.NewGuid(), Now);
        ReviewRules.ApplyContent(item, ContentKind.Comment, "A", "text");
        var classified = ReviewSamples.Classified(item.SubmissionId, Verdict.Review, 0.8, category: Categories.SelfHarmIntent);
        var scores = new Dictionary<string, double>(classified.Scores) { [Categories.SelfHarm] = 0.8, [Categories.Harassment] = 0.3 };

        ReviewRules.ApplyClassification(item, classified with { Scores = scores });

        Assert.Equal(Categories.SelfHarmIntent, item.TopCategory);
    }

    [Fact]
    public void A_removal_decides_the_item_and_waits_in_the_outbox_until_marked()
    {
        var item = ReviewSamples.Queued();
        var decision = ReviewSamples.Decision(item.SubmissionId, "alice", DecisionOutcome.Remove);

        Assert.Equal(ReviewRefusal.None, ReviewRules.Decide(item, decision, isSenior: false, Now));
        Assert.Equal(ReviewItemState.Decided, item.State);
        Assert.Equal(DecisionOutcome.Remove, item.Decision!.Outcome);
        Assert.True(item.HasUnpublishedEvents);

        Assert.True(ReviewRules.MarkPublished(item, decision.DecisionId, Now));
        Assert.False(ReviewRules.MarkPublished(item, decision.DecisionId, Now));
        Assert.False(item.HasUnpublishedEvents);
        Assert.Equal(ReviewRefusal.AlreadyDecided, ReviewRules.Decide(item, ReviewSamples.Decision(item.SubmissionId, "alice", DecisionOutcome.Approve), false, Now));
    }

    [Fact]
    public void An_item_leased_to_one_moderator_cannot_be_decided_by_another_until_the_lease_runs_out()
    {
        var item = ReviewSamples.ClaimedByAlice();

        Assert.Equal(ReviewRefusal.ClaimedByOther, ReviewRules.Decide(item, ReviewSamples.Decision(item.SubmissionId, "bob", DecisionOutcome.Approve), false, Now));
        Assert.Equal(ReviewRefusal.None, ReviewRules.Decide(item, ReviewSamples.Decision(item.SubmissionId, "bob", DecisionOutcome.Approve), false, Now.AddMinutes(6)));
    }

    [Fact]
    public void An_escalated_item_returns_to_the_queue_for_senior_moderators_only()
    {
        var item = ReviewSamples.Queued();
        Assert.Equal(ReviewRefusal.None, ReviewRules.Decide(item, ReviewSamples.Decision(item.SubmissionId, "alice", DecisionOutcome.Escalate), false, Now));
        Assert.True(item.Escalated);
        Assert.Equal(ReviewItemState.Pending, item.State);
        Assert.Null(item.Decision);

        Assert.Equal(ReviewRefusal.NeedsSeniorModerator, ReviewRules.Decide(item, ReviewSamples.Decision(item.SubmissionId, "bob", DecisionOutcome.Remove), false, Now));
        Assert.Equal(ReviewRefusal.None, ReviewRules.Decide(item, ReviewSamples.Decision(item.SubmissionId, "carol", DecisionOutcome.Remove), true, Now));
        Assert.Equal(2, item.Decisions.Count);
    }

    [Fact]
    public void Only_the_holder_of_a_live_lease_can_release_it()
    {
        var item = ReviewSamples.ClaimedByAlice();

        Assert.Equal(ReviewRefusal.NotClaimedByCaller, ReviewRules.Release(item, "bob", Now));
        Assert.Equal(ReviewRefusal.None, ReviewRules.Release(item, "alice", Now));
        Assert.Equal(ReviewItemState.Pending, item.State);
        Assert.Null(item.ClaimedBy);
    }

    [Fact]
    public void The_policy_decides_an_allow_or_block_verdict_once_and_never_a_review_verdict()
    {
        var allowed = ReviewItem.New(Guid.NewGuid(), Now);
        var classified = ReviewSamples.Classified(allowed.SubmissionId, Verdict.Allow, 0.1);
        ReviewRules.ApplyClassification(allowed, classified);
        var decision = ReviewRules.DecideByPolicy(allowed, classified, Now);
        Assert.Equal(DecisionOutcome.Approve, decision!.Outcome);
        Assert.Equal(DecisionActorKind.Policy, decision.ActorKind);
        Assert.Null(ReviewRules.DecideByPolicy(allowed, classified, Now));
        Assert.Single(allowed.Decisions);

        var queued = ReviewSamples.Queued();
        Assert.Null(ReviewRules.DecideByPolicy(queued, ReviewSamples.Classified(queued.SubmissionId, Verdict.Review), Now));
        Assert.Empty(queued.Decisions);
    }

    [Fact]
    public void Reports_raise_the_priority_up_to_the_counted_limit()
    {
        var priority = new QueuePriority(new Dictionary<string, double>(), new Dictionary<string, TimeSpan>(), TimeSpan.FromHours(1), reportWeight: 5, maxCountedReports: 2);
        var item = ReviewSamples.Queued();
        var before = item.Priority;
        for (var i = 0; i < 4; i++)
        {
            Assert.Equal(ReviewRefusal.None, ReviewRules.Report(item, priority));
        }

        Assert.Equal(4, item.ReportCount);
        Assert.Equal(before + 10, item.Priority, 2);
    }

    [Fact]
    public void An_appeal_needs_a_removal_happens_once_and_excludes_the_moderators_who_removed()
    {
        var item = ReviewSamples.Queued();
        Assert.Equal(ReviewRefusal.NotRemoved, ReviewRules.Appeal(item, Guid.NewGuid(), "why", "platform", QueuePriority.Default, Now));
        var removal = ReviewSamples.Decision(item.SubmissionId, "alice", DecisionOutcome.Remove);
        ReviewRules.Decide(item, removal, false, Now);

        Assert.Equal(ReviewRefusal.None, ReviewRules.Appeal(item, Guid.NewGuid(), "why", "platform", QueuePriority.Default, Now.AddHours(1)));
        Assert.Equal(ReviewItemState.Pending, item.State);
        Assert.Null(item.Decision);
        Assert.Equal(["alice"], item.ExcludedModerators);
        Assert.Equal(Now.AddHours(1).AddMinutes(15), item.DueAt);
        Assert.Equal(removal.DecisionId, ReviewRules.AppealOf(item));
        Assert.Equal(ReviewRefusal.RemovedByCaller, ReviewRules.Decide(item, ReviewSamples.Decision(item.SubmissionId, "alice", DecisionOutcome.Approve), true, Now));
        Assert.Equal(ReviewRefusal.AlreadyAppealed, ReviewRules.Appeal(item, Guid.NewGuid(), "again", "platform", QueuePriority.Default, Now));
    }

    [Fact]
    public void A_lease_is_renewed_only_by_its_live_holder()
    {
        var item = ReviewSamples.ClaimedByAlice();

        Assert.Equal(ReviewRefusal.NotClaimedByCaller, ReviewRules.Renew(item, "bob", Now, Now.AddMinutes(10)));
        Assert.Equal(ReviewRefusal.NotClaimedByCaller, ReviewRules.Renew(item, "alice", Now.AddMinutes(6), Now.AddMinutes(11)));
        Assert.Equal(ReviewRefusal.None, ReviewRules.Renew(item, "alice", Now, Now.AddMinutes(10)));
        Assert.Equal(Now.AddMinutes(10), item.LeaseUntil);
    }
}
