using Moderation.Audit.Domain;
using Moderation.Audit.Domain.Dashboard;
using Moderation.Contracts;

namespace Moderation.Audit.Tests;

/// <summary>The dashboard's figures, folded from the entries the audit log makes of a known set of events.</summary>
public class DashboardFiguresTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 25, 9, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Sla = TimeSpan.FromHours(1);

    private readonly DashboardFigures _figures = new();
    private long _sequence;

    private void Log(AuditDraft draft) => _figures.Apply(AuditEntry.Chain(draft, ++_sequence, AuditEntry.GenesisHash, TestChainKeys.First));

    private Guid Comment(DateTimeOffset at)
    {
        var id = Guid.NewGuid();
        Log(AuditDrafts.From(new CommentSubmitted(id, Guid.NewGuid(), Guid.NewGuid(), null, "news.example", "reader", "text", "Title", at)));
        return id;
    }

    private Guid Article(DateTimeOffset at)
    {
        var id = Guid.NewGuid();
        Log(AuditDrafts.From(new ArticleSubmitted(id, Guid.NewGuid(), "news.example", "Title", "Body", null, null, null, null, at)));
        return id;
    }

    private void Classify(Guid id, Verdict verdict, string category, DateTimeOffset at, ContentKind kind = ContentKind.Comment) =>
        Log(AuditDrafts.From(new ContentClassified(id, kind, verdict, new Dictionary<string, double> { [category] = 0.9, [Categories.Spam] = 0.1 }, [], "m1", "p1", at)));

    private void Decide(Guid id, DecisionOutcome outcome, DateTimeOffset at, string moderator = "alice", DecisionActorKind actor = DecisionActorKind.Moderator) =>
        Log(AuditDrafts.From(new ModerationDecided(id, Guid.NewGuid(), outcome, actor, moderator, "other", null, null, outcome != DecisionOutcome.Escalate, at)));

    private static readonly ErrorQueueReading NoErrorQueues = new(false, 0, [], "not counted in these tests");

    private DashboardReading Overview(DateTimeOffset now) => _figures.Overview(T0, T0.AddHours(3), now, Sla, NoErrorQueues);

    [Fact]
    public void Submissions_are_counted_per_hour_by_kind_verdict_and_top_category()
    {
        var a = Article(T0.AddMinutes(5));
        Classify(a, Verdict.Allow, Categories.Violence, T0.AddMinutes(5).AddSeconds(1), ContentKind.Article);
        var c1 = Comment(T0.AddMinutes(10));
        Classify(c1, Verdict.Review, Categories.HarassmentThreatening, T0.AddMinutes(10).AddSeconds(2));
        var c2 = Comment(T0.AddMinutes(70));
        Classify(c2, Verdict.Review, Categories.HarassmentThreatening, T0.AddMinutes(70).AddSeconds(2));
        Comment(T0.AddMinutes(80));
        Comment(T0.AddHours(5));

        var overview = Overview(T0.AddHours(3));

        Assert.Equal(new SubmissionCounts(4, 1, 3, 1, 2, 0, 1), overview.Totals);
        Assert.Equal(
            [
                new HourlySubmissionCounts(T0, "article", "allow", Categories.Violence, 1),
                new HourlySubmissionCounts(T0, "comment", "review", Categories.HarassmentThreatening, 1),
                new HourlySubmissionCounts(T0.AddHours(1), "comment", "pending", "none", 1),
                new HourlySubmissionCounts(T0.AddHours(1), "comment", "review", Categories.HarassmentThreatening, 1),
            ],
            overview.Hourly);
    }

    [Fact]
    public void The_queue_holds_review_verdicts_until_a_final_decision_and_counts_those_past_the_sla()
    {
        var old = Comment(T0);
        Classify(old, Verdict.Review, Categories.Hate, T0.AddMinutes(1));
        var escalated = Comment(T0.AddMinutes(50));
        Classify(escalated, Verdict.Review, Categories.Hate, T0.AddMinutes(51));
        Decide(escalated, DecisionOutcome.Escalate, T0.AddMinutes(55));
        var decided = Comment(T0.AddMinutes(20));
        Classify(decided, Verdict.Review, Categories.Hate, T0.AddMinutes(21));
        Decide(decided, DecisionOutcome.Approve, T0.AddMinutes(30));
        var allowed = Comment(T0.AddMinutes(20));
        Classify(allowed, Verdict.Allow, Categories.Spam, T0.AddMinutes(21));

        var queue = Overview(T0.AddMinutes(91)).Queue;

        Assert.Equal(2, queue.Depth);
        Assert.Equal(TimeSpan.FromMinutes(90).TotalSeconds, queue.OldestItemAgeSeconds);
        Assert.Equal(1, queue.PastSla);
        Assert.Equal(Sla.TotalSeconds, queue.SlaSeconds);
    }

    [Fact]
    public void Times_to_verdict_and_to_final_decision_are_nearest_rank_percentiles()
    {
        for (var i = 1; i <= 10; i++)
        {
            var id = Comment(T0);
            Classify(id, Verdict.Review, Categories.Hate, T0.AddSeconds(i));
            Decide(id, DecisionOutcome.Remove, T0.AddMinutes(i));
        }

        var overview = Overview(T0.AddHours(3));

        Assert.Equal(new LatencyReading(10, 5, 9, 10), overview.TimeToVerdict);
        Assert.Equal(new LatencyReading(10, 300, 540, 600), overview.TimeToFinalDecision);
    }

    [Fact]
    public void Decisions_are_counted_per_moderator_and_policy_decisions_are_nobodys()
    {
        var one = Comment(T0);
        Decide(one, DecisionOutcome.Escalate, T0.AddMinutes(1), "alice");
        Decide(one, DecisionOutcome.Remove, T0.AddMinutes(2), "bob");
        var two = Comment(T0);
        Decide(two, DecisionOutcome.Approve, T0.AddMinutes(3), "alice");
        var three = Comment(T0);
        Decide(three, DecisionOutcome.Remove, T0.AddMinutes(3), "policy-v1", DecisionActorKind.Policy);

        Assert.Equal(
            [new ModeratorReading("alice", 2, 1, 0, 1), new ModeratorReading("bob", 1, 0, 1, 0)],
            Overview(T0.AddHours(3)).Moderators);
    }

    [Fact]
    public void Decisions_of_the_period_are_counted_by_who_took_them_and_by_outcome()
    {
        var one = Comment(T0);
        Decide(one, DecisionOutcome.Escalate, T0.AddMinutes(1), "alice");
        Decide(one, DecisionOutcome.Remove, T0.AddMinutes(2), "bob");
        var two = Comment(T0);
        Decide(two, DecisionOutcome.Approve, T0.AddMinutes(3), "policy-v1", DecisionActorKind.Policy);
        Decide(two, DecisionOutcome.Approve, T0.AddHours(4), "alice");
        var three = Comment(T0);
        Decide(three, DecisionOutcome.Remove, T0.AddMinutes(3), "policy-v1", DecisionActorKind.Policy);

        var overview = Overview(T0.AddHours(5));

        Assert.Equal(new DecisionCounts(4, 2, 2, 1, 2, 1), overview.Decisions);
        Assert.Same(NoErrorQueues, overview.ErrorQueues);
    }

    [Fact]
    public void Agreement_is_the_share_of_review_and_block_verdicts_that_moderators_finally_removed_per_top_category()
    {
        foreach (var outcome in new[] { DecisionOutcome.Remove, DecisionOutcome.Remove, DecisionOutcome.Approve })
        {
            var id = Comment(T0);
            Classify(id, Verdict.Review, Categories.HarassmentThreatening, T0.AddSeconds(1));
            Decide(id, outcome, T0.AddMinutes(5));
        }

        var blocked = Comment(T0);
        Classify(blocked, Verdict.Block, Categories.Spam, T0.AddSeconds(1));
        Decide(blocked, DecisionOutcome.Remove, T0.AddSeconds(2), "policy-v1", DecisionActorKind.Policy);
        Decide(blocked, DecisionOutcome.Approve, T0.AddMinutes(30), "carol");
        var allowed = Comment(T0);
        Classify(allowed, Verdict.Allow, Categories.Spam, T0.AddSeconds(1));
        Decide(allowed, DecisionOutcome.Remove, T0.AddMinutes(30), "carol");

        var agreement = Overview(T0.AddHours(3)).Agreement;

        Assert.Equal(
            [
                new ClassifierAgreementReading(Categories.HarassmentThreatening, "review", 3, 2, 2.0 / 3),
                new ClassifierAgreementReading(Categories.Spam, "block", 1, 0, 0),
            ],
            agreement);
    }

    [Fact]
    public void A_final_decision_after_an_earlier_one_is_an_appeal_upheld_or_overturned()
    {
        var kept = Comment(T0);
        Decide(kept, DecisionOutcome.Remove, T0.AddMinutes(1), "policy-v1", DecisionActorKind.Policy);
        Decide(kept, DecisionOutcome.Remove, T0.AddMinutes(30), "alice");
        var reversed = Comment(T0);
        Decide(reversed, DecisionOutcome.Remove, T0.AddMinutes(1), "bob");
        Decide(reversed, DecisionOutcome.Approve, T0.AddMinutes(40), "carol");
        var once = Comment(T0);
        Decide(once, DecisionOutcome.Approve, T0.AddMinutes(1), "bob");

        Assert.Equal(new AppealReading(2, 1, 1), Overview(T0.AddHours(3)).Appeals);
    }

    [Fact]
    public void Only_what_happened_in_the_period_counts()
    {
        var before = Comment(T0.AddHours(-2));
        Classify(before, Verdict.Review, Categories.Hate, T0.AddHours(-2));
        Decide(before, DecisionOutcome.Remove, T0.AddHours(-1));
        var inside = Comment(T0.AddMinutes(1));
        Classify(inside, Verdict.Review, Categories.Hate, T0.AddMinutes(2));

        var overview = Overview(T0.AddHours(3));

        Assert.Equal(1, overview.Totals.Submissions);
        Assert.Empty(overview.Moderators);
        Assert.Empty(overview.Agreement);
        Assert.Equal(1, overview.Queue.Depth);
    }

    [Fact]
    public void Events_of_a_submission_logged_out_of_order_give_the_same_figures()
    {
        var id = Guid.NewGuid();
        Log(AuditDrafts.From(new ContentClassified(id, ContentKind.Comment, Verdict.Review, new Dictionary<string, double> { [Categories.Hate] = 0.8 }, [], "m1", "p1", T0.AddSeconds(4))));
        Log(AuditDrafts.From(new CommentSubmitted(id, Guid.NewGuid(), Guid.NewGuid(), null, "news.example", "reader", "text", "Title", T0)));

        var overview = Overview(T0.AddMinutes(1));

        Assert.Equal(new HourlySubmissionCounts(T0, "comment", "review", Categories.Hate, 1), Assert.Single(overview.Hourly));
        Assert.Equal(4, overview.TimeToVerdict.P50Seconds);
        Assert.Equal(1, overview.Queue.Depth);
    }
}
