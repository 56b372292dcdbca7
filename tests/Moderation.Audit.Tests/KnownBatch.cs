using Moderation.Contracts;

namespace Moderation.Audit.Tests;

/// <summary>
/// Two articles and three comments submitted together, as the pipeline carries them in batch
/// messages: submitted; classified (allow, block, review, allow, block); the policy's decisions on
/// the four it allowed or blocked; and, on its own, a moderator's removal of the comment in review.
/// </summary>
internal sealed class KnownBatch
{
    public KnownBatch(DateTimeOffset at)
    {
        var articles = Enumerable.Range(0, 2)
            .Select(i => new ArticleSubmitted(Guid.NewGuid(), Guid.NewGuid(), "news.example", $"Title {i}", $"Body {i}", null, null, null, null, at))
            .ToList();
        var comments = Enumerable.Range(0, 3)
            .Select(i => new CommentSubmitted(Guid.NewGuid(), Guid.NewGuid(), articles[0].ArticleId, null, "news.example", $"reader{i}", $"Comment {i}", "Title 0", at))
            .ToList();
        Submitted = new BatchSubmitted(Guid.NewGuid(), articles, comments, at);

        var verdicts = new (Guid Id, ContentKind Kind, Verdict Verdict, string Category)[]
        {
            (articles[0].SubmissionId, ContentKind.Article, Verdict.Allow, Categories.Violence),
            (articles[1].SubmissionId, ContentKind.Article, Verdict.Block, Categories.Spam),
            (comments[0].SubmissionId, ContentKind.Comment, Verdict.Review, Categories.HarassmentThreatening),
            (comments[1].SubmissionId, ContentKind.Comment, Verdict.Allow, Categories.Profanity),
            (comments[2].SubmissionId, ContentKind.Comment, Verdict.Block, Categories.Hate),
        };
        Classified = new BatchClassified(Guid.NewGuid(), [.. verdicts.Select(v => new ContentClassified(
            v.Id, v.Kind, v.Verdict, new Dictionary<string, double> { [v.Category] = 0.8 }, [], "m1", "p1", at.AddSeconds(1)))], at.AddSeconds(1));
        Decided = new BatchDecided(Guid.NewGuid(), [.. verdicts.Where(v => v.Verdict != Verdict.Review).Select(v => new ModerationDecided(
            v.Id, Guid.NewGuid(), v.Verdict == Verdict.Allow ? DecisionOutcome.Approve : DecisionOutcome.Remove, DecisionActorKind.Policy, "p1",
            "policy", null, null, true, at.AddSeconds(2)))], at.AddSeconds(2));
        ModeratorDecision = new ModerationDecided(comments[0].SubmissionId, Guid.NewGuid(), DecisionOutcome.Remove, DecisionActorKind.Moderator, "alice",
            "threat", null, null, true, at.AddMinutes(10));
    }

    public BatchSubmitted Submitted { get; }

    public BatchClassified Classified { get; }

    public BatchDecided Decided { get; }

    public ModerationDecided ModeratorDecision { get; }

    public IReadOnlyList<Guid> SubmissionIds => [.. Submitted.Articles.Select(a => a.SubmissionId), .. Submitted.Comments.Select(c => c.SubmissionId)];
}
