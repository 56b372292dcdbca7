using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Moderation.Client;
using Moderation.Ingestion.Storage;
using Moderation.Testing;
using Refit;

namespace Moderation.Ingestion.Tests;

/// <summary>Ingestion on its own, on the in-memory bus, called over HTTP through the Refit client.</summary>
public sealed class IngestionApiTests : IAsyncLifetime
{
    private ServiceHost _host = null!;
    private IIngestionApi _api = null!;

    public async Task InitializeAsync()
    {
        _host = await ServiceHost.StartAsync("ingestion-test", new Dictionary<string, string?>
        {
            ["Ingestion:MaxCommentBodyLength"] = "100",
        }, b => b.AddIngestion(), r => r.MapIngestion());
        _api = _host.Client<IIngestionApi>(TestKeys.Submitter);
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task An_article_is_accepted_stored_normalised_and_marked_published()
    {
        var accepted = await _api.SubmitArticleAsync(new SubmitArticleRequest("news.example", "Ｔｉｔｌｅ", "Body\r\ntext\u0007"));

        Assert.Equal($"/api/v1/submissions/{accepted.SubmissionId}", accepted.StatusUrl);
        var view = await _api.GetSubmissionAsync(accepted.SubmissionId);
        Assert.Equal(SubmissionStatus.Received, view.Status);
        var stored = await _host.Services.GetRequiredService<ISubmissionStore>().GetAsync(accepted.SubmissionId, CancellationToken.None);
        Assert.Equal("Title", stored!.Title);
        Assert.Equal("Body\ntext", stored.Body);
        Assert.NotNull(stored.PublishedAt);
    }

    [Fact]
    public async Task A_missing_field_is_a_400_that_names_it_and_stores_nothing()
    {
        var http = _host.Http();
        http.DefaultRequestHeaders.Add("X-Api-Key", TestKeys.Submitter);
        var response = await http.PostAsJsonAsync("/api/v1/articles", new { source = "news.example", body = "text" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(problem.GetProperty("errors").TryGetProperty("title", out _));
        var store = _host.Services.GetRequiredService<ISubmissionStore>();
        Assert.Empty(await store.ListPendingAsync(DateTimeOffset.MaxValue, 10, CancellationToken.None));
    }

    [Theory]
    [InlineData("{\"source\":\"s\",\"title\":5,\"body\":\"b\"}", "title")]
    [InlineData("{\"source\":\"s\",\"title\":\"t\",\"body\":\"b\",\"url\":\"javascript:alert(1)\"}", "url")]
    [InlineData("not json", "body")]
    public async Task A_malformed_field_is_a_400_that_names_it(string json, string field)
    {
        var http = _host.Http();
        http.DefaultRequestHeaders.Add("X-Api-Key", TestKeys.Submitter);
        var response = await http.PostAsync("/api/v1/articles", new StringContent(json, System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());
    }

    [Fact]
    public async Task An_over_long_comment_is_refused_naming_the_body_and_its_limit()
    {
        var article = await _api.SubmitArticleAsync(new SubmitArticleRequest("news.example", "Title", "Body"));
        var error = await Assert.ThrowsAsync<ValidationApiException>(() =>
            _api.SubmitCommentAsync(article.ArticleId, new SubmitCommentRequest("reader", new string('x', 101))));

        Assert.Equal(HttpStatusCode.BadRequest, error.StatusCode);
        Assert.Contains("limit is 100", Assert.Single(error.Content!.Errors["body"]), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_comment_under_an_unknown_article_or_parent_is_a_404_and_no_orphan()
    {
        var unknownArticle = await Assert.ThrowsAnyAsync<ApiException>(() =>
            _api.SubmitCommentAsync(Guid.NewGuid(), new SubmitCommentRequest("reader", "hello")));
        Assert.Equal(HttpStatusCode.NotFound, unknownArticle.StatusCode);

        var article = await _api.SubmitArticleAsync(new SubmitArticleRequest("news.example", "Title", "Body"));
        var unknownParent = await Assert.ThrowsAnyAsync<ApiException>(() =>
            _api.SubmitCommentAsync(article.ArticleId, new SubmitCommentRequest("reader", "hello", Guid.NewGuid())));
        Assert.Equal(HttpStatusCode.NotFound, unknownParent.StatusCode);
    }

    [Fact]
    public async Task A_reply_is_threaded_under_its_parent_comment()
    {
        var article = await _api.SubmitArticleAsync(new SubmitArticleRequest("news.example", "Title", "Body"));
        var first = await _api.SubmitCommentAsync(article.ArticleId, new SubmitCommentRequest("reader", "first"));
        var reply = await _api.SubmitCommentAsync(article.ArticleId, new SubmitCommentRequest("other", "reply", first.CommentId));

        var view = await _api.GetSubmissionAsync(reply.SubmissionId);
        Assert.Equal(article.ArticleId, view.ArticleId);
        Assert.Equal(first.CommentId, view.ParentCommentId);
    }

    [Fact]
    public async Task An_unknown_submission_is_a_404_problem()
    {
        var error = await Assert.ThrowsAnyAsync<ApiException>(() => _api.GetSubmissionAsync(Guid.NewGuid()));
        Assert.Equal(HttpStatusCode.NotFound, error.StatusCode);
    }

    [Theory]
    [InlineData(null, HttpStatusCode.Unauthorized)]
    [InlineData("wrong-key", HttpStatusCode.Unauthorized)]
    [InlineData(TestKeys.Moderator, HttpStatusCode.Forbidden)]
    [InlineData(TestKeys.Auditor, HttpStatusCode.Forbidden)]
    public async Task Only_submitters_may_submit(string? key, HttpStatusCode expected)
    {
        var api = _host.Client<IIngestionApi>(key);
        var error = await Assert.ThrowsAnyAsync<ApiException>(() => api.SubmitArticleAsync(new SubmitArticleRequest("s", "t", "b")));
        Assert.Equal(expected, error.StatusCode);
    }
}
