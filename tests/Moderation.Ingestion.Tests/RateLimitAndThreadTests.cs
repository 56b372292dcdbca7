using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Moderation.Client;
using Moderation.Testing;
using Refit;

namespace Moderation.Ingestion.Tests;

public sealed class RateLimitTests : IngestionHostTest
{
    protected override IReadOnlyDictionary<string, string?> Configuration { get; } = new Dictionary<string, string?>
    {
        ["RateLimit:PermitsPerWindow"] = "3",
        ["RateLimit:Window"] = "00:10:00",
    };

    [Fact]
    public async Task A_key_over_its_limit_gets_a_429_with_retry_after_while_other_keys_go_on()
    {
        var submitter = Host.Http(TestKeys.Submitter);
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.NotFound, (await submitter.GetAsync($"/api/v1/submissions/{Guid.NewGuid()}")).StatusCode);
        }

        var limited = await submitter.PostAsJsonAsync("/api/v1/articles", new { source = "s", title = "t", body = "b" });

        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.InRange(limited.Headers.RetryAfter!.Delta!.Value, TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(10));
        Assert.Equal("application/problem+json", limited.Content.Headers.ContentType?.MediaType);
        Assert.Equal(429, (await limited.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetInt32());

        var admin = Host.Client<IIngestionApi>(TestKeys.Admin);
        var accepted = await admin.SubmitArticleAsync(new SubmitArticleRequest("s", "t", "b"));
        Assert.NotEqual(Guid.Empty, accepted.SubmissionId);
    }
}

public sealed class ArticleThreadTests : IngestionHostTest
{
    protected override IReadOnlyDictionary<string, string?> Configuration { get; } = new Dictionary<string, string?> { ["Ingestion:MaxThreadComments"] = "3" };

    [Fact]
    public async Task An_article_shows_its_comments_threaded_with_each_ones_status()
    {
        var article = await Api.SubmitArticleAsync(new SubmitArticleRequest("news.example", "Thread", "Article body"));
        var first = await Api.SubmitCommentAsync(article.ArticleId, new SubmitCommentRequest("a", "first"));
        var reply = await Api.SubmitCommentAsync(article.ArticleId, new SubmitCommentRequest("b", "reply", first.CommentId));
        var second = await Api.SubmitCommentAsync(article.ArticleId, new SubmitCommentRequest("c", "second"));

        var view = await Api.GetArticleAsync(article.ArticleId);

        Assert.Equal((article.SubmissionId, "Thread", SubmissionStatus.Received), (view.SubmissionId, view.Title, view.Status));
        Assert.Equal([first.CommentId, second.CommentId], view.Comments.Select(c => c.CommentId));
        var threaded = Assert.Single(view.Comments[0].Replies);
        Assert.Equal((reply.CommentId, "reply", SubmissionStatus.Received), (threaded.CommentId, threaded.Body, threaded.Status));
        Assert.Equal(3, view.CommentCount);
        Assert.False(view.CommentsTruncated);

        await Api.SubmitCommentAsync(article.ArticleId, new SubmitCommentRequest("d", "fourth"));
        Assert.True((await Api.GetArticleAsync(article.ArticleId)).CommentsTruncated);
    }

    [Fact]
    public async Task An_unknown_article_is_a_404_problem()
    {
        var error = await Assert.ThrowsAnyAsync<ApiException>(() => Api.GetArticleAsync(Guid.NewGuid()));
        Assert.Equal(HttpStatusCode.NotFound, error.StatusCode);
    }
}
