using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Moderation.Client;
using Moderation.Contracts;
using Moderation.Ingestion.Storage;
using Moderation.Testing;

namespace Moderation.Ingestion.Tests;

public sealed class DuplicateAndRetryTests : IngestionHostTest
{

    private static async Task<HttpResponseMessage> PostBatchAsync(HttpClient http, string ndjson, string idempotencyKey)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/submissions/batch")
        {
            Content = new StringContent(ndjson, Encoding.UTF8, "application/x-ndjson"),
        };
        request.Headers.Add("Idempotency-Key", idempotencyKey);
        return await http.SendAsync(request);
    }

    private static async Task<HttpResponseMessage> PostAsync(HttpClient http, string path, object body, string? idempotencyKey)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body) };
        if (idempotencyKey is not null)
        {
            request.Headers.Add("Idempotency-Key", idempotencyKey);
        }

        return await http.SendAsync(request);
    }

    [Fact]
    public async Task The_same_text_from_the_same_source_is_a_duplicate_of_the_first_and_published_once()
    {
        var api = Host.Client<IIngestionApi>(TestKeys.Submitter);
        var first = await api.SubmitArticleAsync(new SubmitArticleRequest("news.example", "Headline", "The body."));

        var again = await api.SubmitArticleAsync(new SubmitArticleRequest(" news.example ", "Ｈeadline", "The body.\u0000"));
        var otherSource = await api.SubmitArticleAsync(new SubmitArticleRequest("other.example", "Headline", "The body."));

        Assert.Equal(first.SubmissionId, again.DuplicateOf);
        Assert.Equal(first.SubmissionId, again.SubmissionId);
        Assert.Null(otherSource.DuplicateOf);
        var published = Host.Services.GetRequiredService<PublishedSubmissions>();
        await Eventually.GetAsync(() => Task.FromResult(published.CountOf(otherSource.SubmissionId)), c => c == 1);
        Assert.Equal(1, published.CountOf(first.SubmissionId));

        var comment = await api.SubmitCommentAsync(first.ArticleId, new SubmitCommentRequest("reader", "Same words"));
        var repeated = await api.SubmitCommentAsync(first.ArticleId, new SubmitCommentRequest("reader", "Same words"));
        var byAnother = await api.SubmitCommentAsync(first.ArticleId, new SubmitCommentRequest("someone else", "Same words"));
        Assert.Equal(comment.SubmissionId, repeated.DuplicateOf);
        Assert.Null(byAnother.DuplicateOf);
    }

    [Fact]
    public async Task A_retry_with_the_same_idempotency_key_gets_the_first_answer_again()
    {
        var http = Host.Http(TestKeys.Submitter);
        var body = new { source = "news.example", title = "Retried", body = "Sent twice by a nervous client." };

        var first = await PostAsync(http, "/api/v1/articles", body, "retry-1");
        var second = await PostAsync(http, "/api/v1/articles", body, "retry-1");

        Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, second.StatusCode);
        Assert.Equal(await first.Content.ReadAsStringAsync(), await second.Content.ReadAsStringAsync());
        Assert.Equal(first.Headers.Location, second.Headers.Location);
        Assert.True(second.Headers.Contains("Idempotent-Replayed"));
        Assert.False(first.Headers.Contains("Idempotent-Replayed"));
    }

    [Fact]
    public async Task An_idempotency_key_reused_for_another_request_is_a_422_and_stores_nothing_new()
    {
        var http = Host.Http(TestKeys.Submitter);
        await PostAsync(http, "/api/v1/articles", new { source = "s", title = "One", body = "First request" }, "reused");

        var other = await PostAsync(http, "/api/v1/articles", new { source = "s", title = "Two", body = "Another request" }, "reused");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, other.StatusCode);
        var problem = await other.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(problem.GetProperty("errors").TryGetProperty("Idempotency-Key", out _));
        var store = Host.Services.GetRequiredService<ISubmissionStore>();
        Assert.Null((await store.AddManyUnlessDuplicateAsync([Record("s", "Two", "Another request")], TimeSpan.FromDays(365), CancellationToken.None))[0]);
    }

    [Fact]
    public async Task Idempotency_keys_belong_to_one_api_key_and_a_failed_answer_is_not_kept()
    {
        var submitter = Host.Http(TestKeys.Submitter);
        var admin = Host.Http(TestKeys.Admin);

        var bad = await PostAsync(submitter, "/api/v1/articles", new { source = "s", title = "T" }, "shared-key");
        var fixedUp = await PostAsync(submitter, "/api/v1/articles", new { source = "s", title = "T", body = "Now with a body" }, "shared-key");
        var byAdmin = await PostAsync(admin, "/api/v1/articles", new { source = "s2", title = "T", body = "By another key" }, "shared-key");

        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, fixedUp.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, byAdmin.StatusCode);
        Assert.NotEqual(
            (await fixedUp.Content.ReadFromJsonAsync<ArticleAccepted>())!.SubmissionId,
            (await byAdmin.Content.ReadFromJsonAsync<ArticleAccepted>())!.SubmissionId);
    }

    [Fact]
    public async Task A_retried_batch_is_answered_from_the_first_run_without_storing_again()
    {
        var http = Host.Http(TestKeys.Submitter);
        var ndjson = JsonSerializer.Serialize(new { kind = "article", source = "s", title = "Batch", body = "Batched once" }, ModerationJson.Options) + "\n";

        Task<HttpResponseMessage> SendAsync(string text) => PostBatchAsync(http, text, "batch-1");

        var first = await SendAsync(ndjson);
        var second = await SendAsync(ndjson);
        var changed = await SendAsync(ndjson + ndjson);

        Assert.Equal(await first.Content.ReadAsStringAsync(), await second.Content.ReadAsStringAsync());
        Assert.True(second.Headers.Contains("Idempotent-Replayed"));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, changed.StatusCode);
    }

    [Fact]
    public async Task A_retried_batch_past_the_line_limit_is_recognised_by_all_of_its_lines()
    {
        await using var host = await IngestionHost.StartAsync(new Dictionary<string, string?>
        {
            ["Storage:ConnectionString"] = Host.Store.ConnectionString,
            ["Ingestion:MaxBatchLines"] = "2",
        });
        var http = host.Http(TestKeys.Submitter);
        var lines = Enumerable.Range(0, 4).Select(i => JsonSerializer.Serialize(new { kind = "article", source = "s", title = $"Over {i}", body = "b" }, ModerationJson.Options));

        Task<HttpResponseMessage> SendAsync(string text) => PostBatchAsync(http, text, "over-the-limit");

        var body = string.Join("\n", lines);
        var first = await SendAsync(body);
        var retry = await SendAsync(body);
        var otherTail = await SendAsync(body + "\n{}");

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(await first.Content.ReadAsStringAsync(), await retry.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.UnprocessableEntity, otherTail.StatusCode);
    }

    private static Domain.SubmissionRecord Record(string source, string title, string body) => new()
    {
        SubmissionId = Guid.NewGuid(),
        Kind = ContentKind.Article,
        ArticleId = Guid.NewGuid(),
        Source = source,
        Title = title,
        Body = body,
        ReceivedAt = DateTimeOffset.UtcNow,
    };

    [Theory]
    [InlineData("")]
    [InlineData("key with spaces")]
    public async Task A_malformed_idempotency_key_is_a_400_naming_the_header(string key)
    {
        var http = Host.Http(TestKeys.Submitter);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/articles") { Content = JsonContent.Create(new { source = "s", title = "t", body = "b" }) };
        request.Headers.TryAddWithoutValidation("Idempotency-Key", key);

        var response = await http.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("Idempotency-Key", out _));
        Assert.Empty(await Host.Services.GetRequiredService<ISubmissionStore>().ListPendingAsync(DateTimeOffset.MaxValue, 10, CancellationToken.None));
    }
}
