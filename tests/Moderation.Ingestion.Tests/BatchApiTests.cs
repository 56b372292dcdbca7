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

public sealed class BatchApiTests : IngestionHostTest
{
    protected override IReadOnlyDictionary<string, string?> Configuration { get; } = new Dictionary<string, string?>
    {
        ["Ingestion:MaxBatchLines"] = "6",
        ["Ingestion:MaxBatchBytes"] = "4096",
        ["Ingestion:MaxRequestBodyBytes"] = "2048",
    };

    private static string Line(object value) => JsonSerializer.Serialize(value, ModerationJson.Options);

    private static StringContent Ndjson(params string[] lines) => new(string.Join("\n", lines) + "\n", Encoding.UTF8, "application/x-ndjson");

    [Fact]
    public async Task Each_line_is_answered_in_order_and_a_bad_line_spoils_none_of_the_good()
    {
        var article = await Api.SubmitArticleAsync(new SubmitArticleRequest("news.example", "Existing", "Body of an existing article"));
        using var content = Ndjson(
            Line(new { kind = "article", source = "news.example", title = "First", body = "A new article body" }),
            "{\"kind\":\"article\",\"source\":\"news.example\",\"title\":5,\"body\":\"x\"}",
            "",
            Line(new { kind = "comment", articleId = article.ArticleId, author = "reader", body = "A fine comment" }),
            "not json at all",
            Line(new { kind = "comment", articleId = Guid.NewGuid(), author = "reader", body = "Orphan" }),
            Line(new { kind = "article", source = "news.example", title = "First", body = "A new article body" }));

        var result = await Api.SubmitBatchAsync(content);

        Assert.Equal([1, 2, 4, 5, 6, 7], result.Results.Select(r => r.Line));
        Assert.Equal(
            [BatchLineStatus.Accepted, BatchLineStatus.Rejected, BatchLineStatus.Accepted, BatchLineStatus.Rejected, BatchLineStatus.Rejected, BatchLineStatus.Duplicate],
            result.Results.Select(r => r.Status));
        Assert.Equal((2, 1, 3), (result.Accepted, result.Duplicates, result.Rejected));
        Assert.StartsWith("title:", result.Results[1].Error, StringComparison.Ordinal);
        Assert.StartsWith("articleId:", result.Results[4].Error, StringComparison.Ordinal);
        Assert.Equal(result.Results[0].SubmissionId, result.Results[5].DuplicateOf);

        var store = Host.Services.GetRequiredService<ISubmissionStore>();
        var comment = await store.GetAsync(result.Results[2].SubmissionId!.Value, CancellationToken.None);
        Assert.Equal(article.ArticleId, comment!.ArticleId);
        var published = Host.Services.GetRequiredService<PublishedSubmissions>();
        await Eventually.GetAsync(() => Task.FromResult(published.CountOf(result.Results[0].SubmissionId!.Value)), c => c == 1);
    }

    [Fact]
    public async Task A_comment_may_answer_an_article_and_a_comment_from_earlier_lines_of_the_same_batch()
    {
        using var first = Ndjson(Line(new { kind = "article", source = "s", title = "Thread", body = "Threaded article" }));
        var articleId = (await Api.SubmitBatchAsync(first)).Results[0].ArticleId!.Value;
        using var second = Ndjson(Line(new { kind = "comment", articleId, author = "a", body = "top" }));
        var top = (await Api.SubmitBatchAsync(second)).Results[0];
        using var third = Ndjson(Line(new { kind = "comment", articleId, author = "b", body = "reply", parentCommentId = top.CommentId }));
        var reply = (await Api.SubmitBatchAsync(third)).Results[0];

        Assert.Equal(BatchLineStatus.Accepted, reply.Status);
        var thread = await Api.GetArticleAsync(articleId);
        Assert.Equal([top.CommentId!.Value, reply.CommentId!.Value], thread.Comments.Select(c => c.CommentId));
        Assert.Equal(top.CommentId, thread.Comments[1].ParentCommentId);
    }

    [Fact]
    public async Task Lines_past_the_line_limit_are_not_read_and_the_answer_says_so()
    {
        var lines = Enumerable.Range(0, 8).Select(i => Line(new { kind = "article", source = "s", title = $"T{i}", body = $"Body {i}" })).ToArray();
        using var content = Ndjson(lines);

        var result = await Api.SubmitBatchAsync(content);

        Assert.Equal(6, result.Accepted);
        var last = result.Results[^1];
        Assert.Equal((7, BatchLineStatus.Rejected), (last.Line, last.Status));
        Assert.Contains("more than 6 lines", last.Error, StringComparison.Ordinal);
        Assert.Equal(7, result.Results.Count);
    }

    [Fact]
    public async Task A_body_over_the_byte_limit_is_refused_up_front_and_stores_nothing()
    {
        var http = Host.Http(TestKeys.Submitter);
        var lines = Enumerable.Range(0, 3).Select(i => Line(new { kind = "article", source = "s", title = $"T{i}", body = new string('x', 1500) })).ToArray();

        var response = await http.PostAsync("/api/v1/submissions/batch", Ndjson(lines));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Empty(await Host.Services.GetRequiredService<ISubmissionStore>().ListPendingAsync(DateTimeOffset.MaxValue, 10, CancellationToken.None));
    }

    [Fact]
    public async Task A_streamed_body_over_the_byte_limit_keeps_the_lines_before_it_and_an_overlong_line_is_rejected()
    {
        var http = Host.Http(TestKeys.Submitter);
        var lines = new[]
        {
            Line(new { kind = "article", source = "s", title = "Kept", body = "Kept body" }),
            Line(new { kind = "article", source = "s", title = "Too long", body = new string('y', 2100) }),
            Line(new { kind = "article", source = "s", title = "Also kept", body = new string('z', 1000) }),
            Line(new { kind = "article", source = "s", title = "Past the limit", body = new string('w', 1500) }),
        };
        using var content = new StreamContent(new MemoryStream(Encoding.UTF8.GetBytes(string.Join("\n", lines))));
        content.Headers.ContentType = new("application/x-ndjson");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/submissions/batch") { Content = content };
        request.Headers.TransferEncodingChunked = true;

        var response = await http.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var result = await response.Content.ReadFromJsonAsync<BatchResult>(ModerationJson.Options);
        Assert.Equal([BatchLineStatus.Accepted, BatchLineStatus.Rejected, BatchLineStatus.Accepted, BatchLineStatus.Rejected], result!.Results.Select(r => r.Status));
        Assert.Contains("longer than 2048 bytes", result.Results[1].Error, StringComparison.Ordinal);
        Assert.Contains("larger than 4096 bytes", result.Results[3].Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_batch_with_no_good_line_is_a_400_problem_that_names_each_line()
    {
        var http = Host.Http(TestKeys.Submitter);
        using var content = new ByteArrayContent([.. "{\"kind\":\"poem\"}\n"u8, 0xFF, 0xFE, (byte)'\n', .. "[1,2]\n"u8]);
        content.Headers.ContentType = new("application/x-ndjson");

        var response = await http.PostAsync("/api/v1/submissions/batch", content);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.StartsWith("kind:", errors.GetProperty("line 1")[0].GetString(), StringComparison.Ordinal);
        Assert.Contains("UTF-8", errors.GetProperty("line 2")[0].GetString(), StringComparison.Ordinal);
        Assert.True(errors.TryGetProperty("line 3", out _));
    }

    [Fact]
    public async Task A_batch_must_be_ndjson()
    {
        var http = Host.Http(TestKeys.Submitter);
        var response = await http.PostAsync("/api/v1/submissions/batch", new StringContent("{}", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
    }
}
