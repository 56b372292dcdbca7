using Moderation.Client;
using Moderation.Contracts;
using Moderation.Ingestion.Domain;
using Moderation.Ingestion.Endpoints;

namespace Moderation.Ingestion.Tests;

public class SubmissionRecordTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 25, 10, 0, 0, TimeSpan.Zero);

    public static SubmissionRecord NewComment() => SubmissionRecord.Received(new SubmissionRecord
    {
        SubmissionId = Guid.NewGuid(),
        Kind = ContentKind.Comment,
        ArticleId = Guid.NewGuid(),
        CommentId = Guid.NewGuid(),
        Source = "example.org",
        Title = "An article",
        Body = "A comment",
        Author = "reader",
        ReceivedAt = Now,
    });

    public static ContentClassified Classified(Guid submissionId, Verdict verdict) => new(
        submissionId, ContentKind.Comment, verdict,
        new Dictionary<string, double> { [Categories.HarassmentThreatening] = 0.8, [Categories.Violence] = 0.3 },
        [new ClassificationReason(Categories.HarassmentThreatening, "rule:test", "threat", "body", new EvidenceSpan(0, 4))],
        "model-1", "policy-1", Now.AddSeconds(1));

    public static ModerationDecided Decided(Guid submissionId, DecisionOutcome outcome) => new(
        submissionId, Guid.NewGuid(), outcome, DecisionActorKind.Moderator, "alice", "threat", null, null,
        outcome != DecisionOutcome.Escalate, Now.AddSeconds(2));

    [Fact]
    public void A_new_submission_is_received_with_one_timeline_entry()
    {
        var record = NewComment();
        Assert.Equal(SubmissionState.Received, record.Status);
        Assert.Single(record.Timeline);
    }

    [Fact]
    public void A_review_verdict_puts_the_submission_in_review_and_a_removal_ends_it()
    {
        var record = NewComment();
        Assert.True(record.Apply(Classified(record.SubmissionId, Verdict.Review)));
        Assert.Equal(SubmissionState.InReview, record.Status);
        Assert.Equal(0.8, record.Scores![Categories.HarassmentThreatening]);

        Assert.True(record.Apply(Decided(record.SubmissionId, DecisionOutcome.Remove)));
        Assert.Equal(SubmissionState.Removed, record.Status);
        Assert.Equal("alice", record.Decision!.Actor);
        Assert.Equal(
            [SubmissionStatus.Received, SubmissionStatus.Classified, SubmissionStatus.InReview, SubmissionStatus.Removed],
            record.ToView(withModerators: true).Timeline.Select(t => t.Status));
    }

    [Fact]
    public void An_allow_verdict_leaves_the_submission_classified()
    {
        var record = NewComment();
        record.Apply(Classified(record.SubmissionId, Verdict.Allow));
        Assert.Equal(SubmissionState.Classified, record.Status);
        Assert.Equal(Verdict.Allow, record.Verdict);
    }

    [Fact]
    public void The_same_event_twice_changes_nothing()
    {
        var record = NewComment();
        var classified = Classified(record.SubmissionId, Verdict.Review);
        var decided = Decided(record.SubmissionId, DecisionOutcome.Approve);
        Assert.True(record.Apply(classified));
        Assert.True(record.Apply(decided));
        var timeline = record.Timeline.Count;

        Assert.False(record.Apply(classified));
        Assert.False(record.Apply(decided));
        Assert.Equal(timeline, record.Timeline.Count);
    }

    [Fact]
    public void A_decision_that_overtakes_its_classification_still_ends_the_submission()
    {
        var record = NewComment();
        record.Apply(Decided(record.SubmissionId, DecisionOutcome.Approve));
        record.Apply(Classified(record.SubmissionId, Verdict.Review));
        Assert.Equal(SubmissionState.Approved, record.Status);
    }

    [Fact]
    public void An_escalation_keeps_the_submission_in_review_without_a_final_decision()
    {
        var record = NewComment();
        record.Apply(Classified(record.SubmissionId, Verdict.Review));
        record.Apply(Decided(record.SubmissionId, DecisionOutcome.Escalate));
        Assert.Equal(SubmissionState.InReview, record.Status);
        Assert.Null(record.Decision);
    }

    [Fact]
    public void An_appeal_puts_a_removed_submission_back_in_review_until_the_appeal_is_decided()
    {
        var record = NewComment();
        record.Apply(Classified(record.SubmissionId, Verdict.Review));
        var removal = Decided(record.SubmissionId, DecisionOutcome.Remove);
        record.Apply(removal);
        var appeal = new AppealFiled(record.SubmissionId, Guid.NewGuid(), removal.DecisionId, "a quote from a film", Now.AddSeconds(3));

        Assert.True(record.Apply(appeal));
        Assert.False(record.Apply(appeal));
        Assert.Equal(SubmissionState.InReview, record.Status);
        Assert.True(record.Apply(Decided(record.SubmissionId, DecisionOutcome.Approve) with { OccurredAt = Now.AddSeconds(4), AppealOf = removal.DecisionId }));
        Assert.Equal(SubmissionState.Approved, record.Status);
        Assert.Equal(
            [SubmissionStatus.Received, SubmissionStatus.Classified, SubmissionStatus.InReview, SubmissionStatus.Removed, SubmissionStatus.InReview, SubmissionStatus.Approved],
            record.ToView(withModerators: true).Timeline.Select(t => t.Status));
    }

    [Fact]
    public void An_appeal_decision_that_overtakes_its_appeal_still_ends_the_submission()
    {
        var record = NewComment();
        record.Apply(Classified(record.SubmissionId, Verdict.Review));
        var removal = Decided(record.SubmissionId, DecisionOutcome.Remove);
        record.Apply(removal);
        record.Apply(Decided(record.SubmissionId, DecisionOutcome.Remove) with { AppealOf = removal.DecisionId });
        record.Apply(new AppealFiled(record.SubmissionId, Guid.NewGuid(), removal.DecisionId, "please", Now));
        Assert.Equal(SubmissionState.Removed, record.Status);
    }

    [Fact]
    public void A_comment_becomes_a_CommentSubmitted_event_carrying_its_thread()
    {
        var record = NewComment();
        var submitted = Assert.IsType<CommentSubmitted>(record.ToEvent());
        Assert.Equal(record.SubmissionId, submitted.SubmissionId);
        Assert.Equal(record.ArticleId, submitted.ArticleId);
        Assert.Equal("An article", submitted.ArticleTitle);
    }
}
