using Moderation.Contracts;
using Moderation.Review.Domain;

namespace Moderation.Review.Tests;

internal static class ReviewSamples
{
    public static readonly DateTimeOffset Now = new(2026, 11, 25, 10, 0, 0, TimeSpan.Zero);

    public static ContentClassified Classified(
        Guid submissionId, Verdict verdict, double score = 0.8, ContentKind kind = ContentKind.Comment, DateTimeOffset? at = null, string category = Categories.HarassmentThreatening) => new(
        submissionId, kind, verdict,
        Categories.All.ToDictionary(c => c, c => c == category ? score : 0.0),
        [new ClassificationReason(category, "rule:test", "threat", "body", new EvidenceSpan(0, 5))],
        "model-1", "policy-1", at ?? Now);

    public static ModerationDecided Decision(Guid submissionId, string moderator, DecisionOutcome outcome) => new(
        submissionId, Guid.NewGuid(), outcome, DecisionActorKind.Moderator, moderator, "threat", null,
        new Dictionary<string, int> { [Categories.HarassmentThreatening] = 1 }, outcome != DecisionOutcome.Escalate, Now);

    /// <summary>A queued item: content and a Review verdict both in.</summary>
    public static ReviewItem Queued(double score = 0.8)
    {
        var item = ReviewItem.New(Guid.NewGuid(), Now);
        ReviewRules.ApplyContent(item, ContentKind.Comment, "Article", "You will regret this.");
        ReviewRules.ApplyClassification(item, Classified(item.SubmissionId, Verdict.Review, score));
        return item;
    }

    /// <summary>A queued item leased to alice until five minutes after <see cref="Now"/>.</summary>
    public static ReviewItem ClaimedByAlice()
    {
        var item = Queued();
        item.State = ReviewItemState.Claimed;
        item.ClaimedBy = "alice";
        item.LeaseUntil = Now.AddMinutes(5);
        return item;
    }
}
