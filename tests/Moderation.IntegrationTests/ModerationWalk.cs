using System.Diagnostics;
using Moderation.Client;
using Moderation.Contracts;
using Moderation.Testing;

namespace Moderation.IntegrationTests;

/// <summary>
/// The walk of the README: an article and a threatening comment go in, the article is approved by
/// the policy, the comment is reviewed and removed, and every step shows in the submission's status
/// and in the audit log.
/// </summary>
public sealed class ModerationWalk(IIngestionApi ingestion, IReviewApi moderator, IAuditApi auditor, ActivityCollector traces)
{
    private const string StandInArticle = """
        Officials said on Thursday that drone strikes against cartel leaders were under discussion.
        Advertisement
        "They could be in a car, they could be in a house, and they could be vaporized," a former agent told reporters.
        """;

    public const string ThreateningComment = "Sheinbaum knows what is coming. She could be vaporized in her car tonight.";

    public async Task WalkAsync()
    {
        var body = TestEnvironment.SeedPagePath is { } seed ? await File.ReadAllTextAsync(seed) : StandInArticle;

        ArticleAccepted article;
        ActivityTraceId submitTrace;
        using (var submit = ActivityCollector.TestSource.StartActivity("submit article"))
        {
            submitTrace = submit!.TraceId;
            article = await ingestion.SubmitArticleAsync(new SubmitArticleRequest("news.example",
                "Trump Administration Considering 'Unprecedented' Action Against Mexican Drug Cartels", body, "https://news.example/cartels"));
        }

        // An Allow verdict is the policy's own decision: the article ends approved by the policy.
        // Ingestion applies events in the order they reach it, and the decision can overtake its
        // classification on a busy machine (the record converges: status from the decision, the
        // timeline by time), so wait for both.
        var articleView = await Eventually.GetAsync(() => ingestion.GetSubmissionAsync(article.SubmissionId),
            v => v.Decision is not null && v.Verdict is not null, what: "the article's classification and the policy's decision on it");
        Assert.Equal(SubmissionStatus.Approved, articleView.Status);
        Assert.Equal(Verdict.Allow, articleView.Verdict);
        Assert.Equal([SubmissionStatus.Received, SubmissionStatus.Classified, SubmissionStatus.Approved], articleView.Timeline.Select(t => t.Status));
        Assert.Equal(DecisionOutcome.Approve, articleView.Decision!.Outcome);
        Assert.Equal(DecisionActorKind.Policy, articleView.Decision.ActorKind);
        Assert.Equal(articleView.PolicyVersion, articleView.Decision.Actor);
        Assert.Equal(Categories.All.Order(), articleView.Scores!.Keys.Order());
        Assert.Contains(articleView.Reasons!, r => r.Category == Categories.Violence);

        CommentAccepted comment;
        ActivityTraceId commentTrace;
        using (var submit = ActivityCollector.TestSource.StartActivity("submit comment"))
        {
            commentTrace = submit!.TraceId;
            comment = await ingestion.SubmitCommentAsync(article.ArticleId, new SubmitCommentRequest("reader42", ThreateningComment));
        }

        var inReview = await Eventually.GetAsync(() => ingestion.GetSubmissionAsync(comment.SubmissionId),
            v => v.Status == SubmissionStatus.InReview, what: "the comment in review");
        Assert.Equal(Verdict.Review, inReview.Verdict);
        Assert.Contains(inReview.Reasons!, r => r.Category == Categories.HarassmentThreatening);
        Assert.Equal([SubmissionStatus.Received, SubmissionStatus.Classified, SubmissionStatus.InReview], inReview.Timeline.Select(t => t.Status));

        var page = await Eventually.GetAsync(() => moderator.ListItemsAsync(ReviewItemStatus.Pending, pageSize: 100),
            p => p.Items.Any(i => i.SubmissionId == comment.SubmissionId), what: "the comment in the review queue");
        var item = page.Items.Single(i => i.SubmissionId == comment.SubmissionId);
        Assert.Equal(ThreateningComment, item.Text);
        Assert.Equal(Categories.HarassmentThreatening, item.TopCategory);
        Assert.DoesNotContain(page.Items, i => i.SubmissionId == article.SubmissionId);

        ActivityTraceId decisionTrace;
        using (var decide = ActivityCollector.TestSource.StartActivity("decide"))
        {
            decisionTrace = decide!.TraceId;
            await moderator.DecideAsync(item.ItemId, new DecisionRequest(DecisionOutcome.Remove, "threat", "threat against a named person",
                new Dictionary<string, int> { [Categories.HarassmentThreatening] = 1 }));
        }

        var removed = await Eventually.GetAsync(() => ingestion.GetSubmissionAsync(comment.SubmissionId),
            v => v.Status == SubmissionStatus.Removed, what: "the removal reaching ingestion");
        Assert.Equal(DecisionOutcome.Remove, removed.Decision!.Outcome);
        Assert.Equal(DecisionActorKind.Moderator, removed.Decision.ActorKind);
        // The publisher learns the outcome and reason, not which moderator decided; the audit log below names them.
        Assert.Null(removed.Decision.Actor);
        Assert.Equal(SubmissionStatus.Removed, removed.Timeline[^1].Status);

        var audit = await Eventually.GetAsync(() => auditor.ListEntriesAsync(comment.SubmissionId),
            p => p.Entries.Count == 3, what: "three audit entries for the comment");
        Assert.Equal([nameof(CommentSubmitted), nameof(ContentClassified), nameof(ModerationDecided)], audit.Entries.Select(e => e.EventType));
        Assert.Equal("moderator:moderator", audit.Entries[2].Actor);
        Assert.Equal("remove", audit.Entries[2].Data["outcome"]);
        var articleAudit = await Eventually.GetAsync(() => auditor.ListEntriesAsync(article.SubmissionId),
            p => p.Entries.Count == 3, what: "three audit entries for the article");
        Assert.Equal([nameof(ArticleSubmitted), nameof(ContentClassified), nameof(ModerationDecided)], articleAudit.Entries.Select(e => e.EventType));
        Assert.Equal($"policy:{articleView.PolicyVersion}", articleAudit.Entries[2].Actor);
        Assert.Equal("approve", articleAudit.Entries[2].Data["outcome"]);
        Assert.True((await auditor.VerifyAsync()).Ok);

        AssertOneTracePerAction(comment.SubmissionId, commentTrace, decisionTrace);
        Assert.All(traces.For(article.SubmissionId), span => Assert.Equal(submitTrace, span.TraceId));
    }

    /// <summary>
    /// Everything the comment's submission set off (HTTP call, classification, review, status,
    /// audit) is one trace; everything the moderator's decision set off is another.
    /// </summary>
    private void AssertOneTracePerAction(Guid submissionId, ActivityTraceId submitTrace, ActivityTraceId decisionTrace)
    {
        var spans = traces.For(submissionId);
        var byTrace = spans.GroupBy(s => s.TraceId).ToDictionary(g => g.Key, g => g.ToList());
        Assert.Equal(new[] { submitTrace, decisionTrace }.OrderBy(t => t.ToHexString()), byTrace.Keys.OrderBy(t => t.ToHexString()));

        var submitSpans = byTrace[submitTrace];
        Assert.Contains(submitSpans, s => s.Kind == ActivityKind.Server);
        var consumers = submitSpans.Where(s => s.Kind == ActivityKind.Consumer).Select(ConsumerOf).ToList();
        foreach (var expected in new[] { "CommentSubmittedConsumer", "ReviewCommentSnapshotConsumer", "ReviewClassifiedConsumer", "SubmissionClassifiedConsumer", "AuditTrailConsumer" })
        {
            Assert.Contains(consumers, c => c.Contains(expected, StringComparison.Ordinal));
        }

        var decisionConsumers = byTrace[decisionTrace].Where(s => s.Kind == ActivityKind.Consumer).Select(ConsumerOf).ToList();
        Assert.Contains(decisionConsumers, c => c.Contains("SubmissionDecidedConsumer", StringComparison.Ordinal));
        Assert.Contains(decisionConsumers, c => c.Contains("AuditTrailConsumer", StringComparison.Ordinal));
    }

    private static string ConsumerOf(Activity span) =>
        span.GetTagItem("messaging.masstransit.consumer_type") as string ?? span.DisplayName;
}
