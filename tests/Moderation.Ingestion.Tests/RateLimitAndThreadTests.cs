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
        Assert.Equal([first.CommentId, reply.CommentId, second.CommentId], view.Comments.Select(c => c.CommentId));
        Assert.Equal([0, 1, 0], view.Comments.Select(c => c.Depth));
        Assert.Equal((first.CommentId, "reply", SubmissionStatus.Received), (view.Comments[1].ParentCommentId, view.Comments[1].Body, view.Comments[1].Status));
        Assert.Equal(3, view.CommentCount);
        Assert.False(view.CommentsTruncated);

        await Api.SubmitCommentAsync(article.ArticleId, new SubmitCommentRequest("d", "fourth"));
        Assert.True((await Api.GetArticleAsync(article.ArticleId)).CommentsTruncated);
    }

    [Fact]
    public async Task A_long_chain_of_replies_is_listed_in_order_with_its_depth()
    {
        var article = await Api.SubmitArticleAsync(new SubmitArticleRequest("news.example", "Argument", "Article body"));
        Guid? parent = null;
        for (var i = 0; i < 3; i++)
        {
            parent = (await Api.SubmitCommentAsync(article.ArticleId, new SubmitCommentRequest("a", $"reply {i}", parent))).CommentId;
        }

        var view = await Api.GetArticleAsync(article.ArticleId);

        Assert.Equal([0, 1, 2], view.Comments.Select(c => c.Depth));
        Assert.Equal(["reply 0", "reply 1", "reply 2"], view.Comments.Select(c => c.Body));
    }

    [Fact]
    public async Task An_unknown_article_is_a_404_problem()
    {
        var error = await Assert.ThrowsAnyAsync<ApiException>(() => Api.GetArticleAsync(Guid.NewGuid()));
        Assert.Equal(HttpStatusCode.NotFound, error.StatusCode);
    }
}
