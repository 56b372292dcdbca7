using Moderation.Audit;
using Moderation.Classification;
using Moderation.Ingestion;
using Moderation.Review;
using Moderation.Testing;
using Moderation.WebConsole;

namespace Moderation.BrowserTests;

/// <summary>The four services in one host, as AllInOne runs them: both services' pages are there, once each.</summary>
public sealed class AllInOnePagesTests : IAsyncLifetime
{
    private ServiceHost _host = null!;

    public async Task InitializeAsync() =>
        _host = await ServiceHost.StartAsync("all-in-one-pages-test",
            new Dictionary<string, string?>(),
            b =>
            {
                b.AddIngestion();
                b.AddClassification();
                b.AddReview();
                b.AddAudit();
            },
            r =>
            {
                r.MapIngestion();
                r.MapClassification();
                r.MapReview();
                r.MapAudit();
            });

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Theory]
    [InlineData("/dashboard", "text/html")]
    [InlineData("/audit", "text/html")]
    [InlineData("/review", "text/html")]
    [InlineData("/console/audit/dashboard.js", "text/javascript")]
    [InlineData("/console/audit/console.js", "text/javascript")]
    [InlineData("/console/review/review.js", "text/javascript")]
    [InlineData("/console/review/console.css", "text/css")]
    public async Task Every_page_and_its_files_are_served_under_the_content_security_policy(string path, string mediaType)
    {
        var response = await _host.Http().GetAsync(new Uri(path, UriKind.Relative));

        response.EnsureSuccessStatusCode();
        Assert.Equal(mediaType, response.Content.Headers.ContentType!.MediaType);
        Assert.Equal(WebConsolePages.ContentSecurityPolicy, Assert.Single(response.Headers.GetValues("Content-Security-Policy")));
        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
    }

    [Theory]
    [InlineData("/dashboard")]
    [InlineData("/review")]
    public async Task The_pages_load_nothing_from_another_origin(string path)
    {
        var html = await _host.Http().GetStringAsync(new Uri(path, UriKind.Relative));

        Assert.DoesNotContain("http://", html, StringComparison.Ordinal);
        Assert.DoesNotContain("https://", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script>", html, StringComparison.Ordinal);
    }
}
