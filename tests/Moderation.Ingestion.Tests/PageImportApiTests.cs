using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Moderation.Client;
using Moderation.Ingestion.Storage;
using Moderation.Testing;
using Refit;

namespace Moderation.Ingestion.Tests;

public sealed class PageImportApiTests : IngestionHostTest
{
    protected override IReadOnlyDictionary<string, string?> Configuration { get; } = new Dictionary<string, string?>
    {
        ["Ingestion:MaxImportBytes"] = "65536",
    };

    [SkippableFact]
    public async Task The_seed_page_is_imported_as_its_article_and_stored_like_any_other()
    {
        var page = TestEnvironment.ReadSeedPage();

        using var content = new StringContent(page, Encoding.UTF8, "text/plain");
        var imported = await Api.ImportArticleAsync("townhall.com", content, "https://townhall.com/tipsheet/cartels");

        Assert.Equal("Trump Administration Considering 'Unprecedented' Action Against Mexican Drug Cartels", imported.Title);
        Assert.StartsWith("The Trump administration is reportedly mulling", imported.Body, StringComparison.Ordinal);
        Assert.EndsWith("\u201CIt\u2019s not going to have an impact.\u201D", imported.Body, StringComparison.Ordinal);
        Assert.DoesNotContain("Advertisement", imported.Body, StringComparison.Ordinal);
        Assert.DoesNotContain("VIP Member", imported.Body, StringComparison.Ordinal);
        var stored = await Host.Services.GetRequiredService<ISubmissionStore>().GetAsync(imported.SubmissionId, CancellationToken.None);
        Assert.Equal(imported.Body, stored!.Body);
        Assert.Equal("https://townhall.com/tipsheet/cartels", stored.Url);
        var published = Host.Services.GetRequiredService<PublishedSubmissions>();
        await Eventually.GetAsync(() => Task.FromResult(published.CountOf(imported.SubmissionId)), c => c == 1);
    }

    [Fact]
    public async Task An_html_page_is_read_with_its_markup()
    {
        var page = await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "Pages", "harbour-news.html"));

        using var content = new StringContent(page, Encoding.UTF8, "text/html");
        var imported = await Api.ImportArticleAsync("coastline.example", content);

        Assert.Equal("City Council Approves New Harbour Ferry Route", imported.Title);
        Assert.DoesNotContain("<p>", imported.Body, StringComparison.Ordinal);
        Assert.StartsWith("The city council voted", imported.Body, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("application/json", "{\"a\":1}", HttpStatusCode.UnsupportedMediaType, "Content-Type")]
    [InlineData("text/plain; charset=iso-8859-1", "Title\n\nSome text here that is long enough to be a paragraph of prose.", HttpStatusCode.UnsupportedMediaType, "Content-Type")]
    [InlineData("text/plain", "Advertisement\nSubscribe now", HttpStatusCode.UnprocessableEntity, "body")]
    public async Task A_page_that_is_not_text_or_holds_no_article_is_refused_naming_why(string contentType, string body, HttpStatusCode expected, string field)
    {
        var http = Host.Http(TestKeys.Submitter);
        using var content = new ByteArrayContent(Encoding.UTF8.GetBytes(body));
        content.Headers.ContentType = System.Net.Http.Headers.MediaTypeHeaderValue.Parse(contentType);

        var response = await http.PostAsync("/api/v1/articles/import?source=s", content);

        Assert.Equal(expected, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());
    }

    [Fact]
    public async Task Broken_utf8_a_missing_source_and_an_oversized_page_are_4xx_naming_the_field()
    {
        var http = Host.Http(TestKeys.Submitter);
        var valid = "Title Of The Page\n\nA sentence that is long enough to count as a paragraph of the article body.";

        using var broken = new ByteArrayContent([.. Encoding.UTF8.GetBytes(valid), 0xC3, 0x28]);
        broken.Headers.ContentType = new("text/plain");
        var brokenResponse = await http.PostAsync("/api/v1/articles/import?source=s", broken);
        Assert.Equal(HttpStatusCode.BadRequest, brokenResponse.StatusCode);
        Assert.Contains("UTF-8", (await brokenResponse.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").GetProperty("body")[0].GetString(), StringComparison.Ordinal);

        var noSource = await http.PostAsync("/api/v1/articles/import", new StringContent(valid, Encoding.UTF8, "text/plain"));
        Assert.Equal(HttpStatusCode.BadRequest, noSource.StatusCode);
        Assert.True((await noSource.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("source", out _));

        var huge = await http.PostAsync("/api/v1/articles/import?source=s", new StringContent(valid + new string('x', 70_000), Encoding.UTF8, "text/plain"));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, huge.StatusCode);

        Assert.Empty(await Host.Services.GetRequiredService<ISubmissionStore>().ListPendingAsync(DateTimeOffset.MaxValue, 10, CancellationToken.None));
    }

    [Fact]
    public async Task The_same_page_imported_twice_is_a_duplicate_of_the_first()
    {
        var page = await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "Pages", "orchard-frost.txt"));

        using var first = new StringContent(page, Encoding.UTF8, "text/plain");
        using var second = new StringContent(page, Encoding.UTF8, "text/plain");
        var one = await Api.ImportArticleAsync("valley.example", first);
        var two = await Api.ImportArticleAsync("valley.example", second);

        Assert.Null(one.DuplicateOf);
        Assert.Equal(one.SubmissionId, two.DuplicateOf);
        Assert.Equal(one.SubmissionId, two.SubmissionId);
    }

    [Fact]
    public async Task Importing_needs_the_submitter_role()
    {
        var api = Host.Client<IIngestionApi>(TestKeys.Moderator);
        using var content = new StringContent("x", Encoding.UTF8, "text/plain");
        var error = await Assert.ThrowsAnyAsync<ApiException>(() => api.ImportArticleAsync("s", content));
        Assert.Equal(HttpStatusCode.Forbidden, error.StatusCode);
    }
}

/// <summary>Hostile markup at the default page size limit.</summary>
public sealed class DeepHtmlImportTests : IngestionHostTest
{
    protected override IReadOnlyDictionary<string, string?> Configuration { get; } = new Dictionary<string, string?> { ["Ingestion:MaxImportParseTime"] = "00:00:00.500" };

    [Theory]
    [InlineData("<div>")]
    [InlineData("<span>")]
    [InlineData("<ul><li>")]
    public async Task Html_nested_hundreds_of_thousands_deep_is_a_422_not_a_hung_or_fallen_process(string open)
    {
        var http = Host.Http(TestKeys.Submitter);
        var page = "<html><body>" + string.Concat(Enumerable.Repeat(open, 2_000_000 / open.Length)) + "Deep text</body></html>";

        var response = await http.PostAsync("/api/v1/articles/import?source=s", new StringContent(page, Encoding.UTF8, "text/html"));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
    }
}
