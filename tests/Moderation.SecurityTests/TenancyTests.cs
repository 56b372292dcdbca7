using System.Net;
using System.Net.Http.Json;
using System.Text;
using Moderation.Client;
using Moderation.Contracts;
using Moderation.Testing;
using Refit;

namespace Moderation.SecurityTests;

/// <summary>
/// Publishers are tenants: a submitter key or token sees, comments under, reports and appeals only
/// its own publisher's submissions and articles (another's id answers 404, as an unknown one does),
/// and sees of a moderator's decision its outcome and public reason, not who took it nor their note.
/// </summary>
public sealed class TenancyTests(TenancyTests.Platform platform) : IClassFixture<TenancyTests.Platform>
{
    /// <summary>A moderator whose name appears nowhere else, so that a view naming them is caught.</summary>
    private const string QuentinKey = "quentin-key";

    private const string Threat = "You know what is coming. You could be vaporized in your car tonight.";

    private ServiceHost Host => platform.Host;

    private IIngestionApi Own => Host.Client<IIngestionApi>(TestKeys.Submitter);

    private IIngestionApi Other => Host.Client<IIngestionApi>(TestKeys.OtherSubmitter);

    /// <summary>The four services in one host, shared by the tests of the class.</summary>
    public sealed class Platform : IAsyncLifetime
    {
        public ServiceHost Host { get; private set; } = null!;

        public async Task InitializeAsync() => Host = await SecurityHosts.StartAllInOneAsync(new Dictionary<string, string?>
        {
            ["Auth:ApiKeys:300:Name"] = "quentin",
            ["Auth:ApiKeys:300:Key"] = QuentinKey,
            ["Auth:ApiKeys:300:Roles:0"] = "moderator",
        });

        public async Task DisposeAsync() => await Host.DisposeAsync();
    }

    [Fact]
    public async Task Another_publishers_submission_and_article_answer_404_as_if_they_did_not_exist()
    {
        var article = await Own.SubmitArticleAsync(new SubmitArticleRequest("news.example", "Council vote", "The council voted on the budget."));
        var comment = await Own.SubmitCommentAsync(article.ArticleId, new SubmitCommentRequest("reader42", "Well voted."));

        Assert.Equal(article.SubmissionId, (await Own.GetSubmissionAsync(article.SubmissionId)).SubmissionId);
        Assert.Equal(comment.CommentId, Assert.Single((await Own.GetArticleAsync(article.ArticleId)).Comments).CommentId);

        await AssertNotFoundAsync(() => Other.GetSubmissionAsync(article.SubmissionId));
        await AssertNotFoundAsync(() => Other.GetSubmissionAsync(comment.SubmissionId));
        await AssertNotFoundAsync(() => Other.GetArticleAsync(article.ArticleId));
        await AssertNotFoundAsync(() => Other.SubmitCommentAsync(article.ArticleId, new SubmitCommentRequest("intruder", "Hello from elsewhere.")));

        // An admin sees every publisher's.
        var admin = Host.Client<IIngestionApi>(TestKeys.Admin);
        Assert.Equal(article.SubmissionId, (await admin.GetSubmissionAsync(article.SubmissionId)).SubmissionId);
    }

    [Fact]
    public async Task A_batch_cannot_comment_under_another_publishers_article()
    {
        var article = await Own.SubmitArticleAsync(new SubmitArticleRequest("news.example", "Harbour works", "The harbour will be dredged."));
        var line = $$"""{"kind":"comment","articleId":"{{article.ArticleId}}","author":"intruder","body":"Hello from elsewhere."}""";

        using var response = await Host.Http(TestKeys.OtherSubmitter).PostAsync("/api/v1/submissions/batch", new StringContent(line + "\n", Encoding.UTF8, "application/x-ndjson"));

        var result = await response.Content.ReadFromJsonAsync<BatchResult>(ModerationJson.Options);
        var refused = Assert.Single(result!.Results);
        Assert.Equal(BatchLineStatus.Rejected, refused.Status);
        Assert.Contains(article.ArticleId.ToString(), refused.Error, StringComparison.Ordinal);
        Assert.Empty((await Own.GetArticleAsync(article.ArticleId)).Comments);
    }

    [Fact]
    public async Task The_same_text_from_two_publishers_is_two_submissions_not_a_duplicate()
    {
        var request = new SubmitArticleRequest("wire.example", "Storm warning", "A storm is expected on the coast tonight.");

        var own = await Own.SubmitArticleAsync(request);
        var other = await Other.SubmitArticleAsync(request);

        Assert.Null(other.DuplicateOf);
        Assert.NotEqual(own.SubmissionId, other.SubmissionId);
        Assert.Equal(own.SubmissionId, (await Own.SubmitArticleAsync(request)).DuplicateOf);
    }

    [Fact]
    public async Task A_publisher_sees_the_outcome_and_public_reason_of_a_decision_but_not_the_moderator_nor_the_note()
    {
        var article = await Own.SubmitArticleAsync(new SubmitArticleRequest("news.example", "Night bus", "The night bus returns in May."));
        var comment = await Own.SubmitCommentAsync(article.ArticleId, new SubmitCommentRequest("reader42", Threat));
        var moderator = Host.Client<IReviewApi>(QuentinKey);
        var item = await Eventually.GetAsync(async () => (await moderator.ClaimAsync(new ClaimRequest(5))).Items.SingleOrDefault(i => i.SubmissionId == comment.SubmissionId),
            i => i is not null, what: "the comment claimed");
        await moderator.DecideAsync(item!.ItemId, new DecisionRequest(DecisionOutcome.Remove, "threat", "private: the author threatened a colleague before"));

        var seen = await Eventually.GetAsync(() => Own.GetSubmissionAsync(comment.SubmissionId), v => v.Status == SubmissionStatus.Removed, what: "the removal");
        Assert.Equal((DecisionOutcome.Remove, DecisionActorKind.Moderator, "threat"), (seen.Decision!.Outcome, seen.Decision.ActorKind, seen.Decision.ReasonCode));
        Assert.Null(seen.Decision.Actor);
        Assert.Null(seen.Decision.Note);
        Assert.DoesNotContain(seen.Timeline, t => t.Detail.Contains("quentin", StringComparison.Ordinal) || t.Detail.Contains("private", StringComparison.Ordinal));

        var admin = await Host.Client<IIngestionApi>(TestKeys.Admin).GetSubmissionAsync(comment.SubmissionId);
        Assert.Equal("quentin", admin.Decision!.Actor);
        Assert.Equal("private: the author threatened a colleague before", admin.Decision.Note);
    }

    [Fact]
    public async Task Only_the_owning_publisher_reports_or_appeals_a_submission()
    {
        var article = await Own.SubmitArticleAsync(new SubmitArticleRequest("news.example", "Ferry strike", "The ferries stop on Monday."));
        var comment = await Own.SubmitCommentAsync(article.ArticleId, new SubmitCommentRequest("reader42", Threat));
        var moderator = Host.Client<IReviewApi>(TestKeys.Moderator);
        var item = await Eventually.GetAsync(async () => (await moderator.ClaimAsync(new ClaimRequest(5))).Items.SingleOrDefault(i => i.SubmissionId == comment.SubmissionId),
            i => i is not null, what: "the comment claimed");

        var other = Host.Client<IReviewApi>(TestKeys.OtherSubmitter);
        var own = Host.Client<IReviewApi>(TestKeys.Submitter);
        await AssertNotFoundAsync(() => other.ReportAsync(new ReportRequest(comment.SubmissionId, "threatening")));
        Assert.Equal(1, (await own.ReportAsync(new ReportRequest(comment.SubmissionId, "threatening"))).ReportCount);

        await moderator.DecideAsync(item!.ItemId, new DecisionRequest(DecisionOutcome.Remove, "threat"));
        await AssertNotFoundAsync(() => other.AppealAsync(new AppealRequest(comment.SubmissionId, "It quotes a film.")));
        Assert.Equal(comment.SubmissionId, (await own.AppealAsync(new AppealRequest(comment.SubmissionId, "It quotes a film."))).SubmissionId);
    }

    private static async Task AssertNotFoundAsync(Func<Task> call)
    {
        var refused = await Assert.ThrowsAnyAsync<ApiException>(call);
        Assert.Equal(HttpStatusCode.NotFound, refused.StatusCode);
    }
}
