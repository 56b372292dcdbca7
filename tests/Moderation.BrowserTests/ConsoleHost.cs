using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Moderation.Audit;
using Moderation.Contracts;
using Moderation.Review;
using Moderation.Testing;

namespace Moderation.BrowserTests;

/// <summary>
/// The two services that serve the web console, in one process as AllInOne hosts them, on the
/// in-memory bus unless the test's configuration names another. Tests publish the submission events
/// themselves, so every count is known.
/// </summary>
public sealed class ConsoleHost : IAsyncDisposable
{
    private readonly ServiceHost _host;
    private readonly List<string> _pageErrors = [];

    private ConsoleHost(ServiceHost host) => _host = host;

    public Uri Address => _host.Address;

    public IServiceProvider Services => _host.Services;

    /// <summary>Script errors, console errors and failed requests of the pages opened through <see cref="OpenAsync"/>, such as a CSP violation.</summary>
    public IReadOnlyList<string> PageErrors => _pageErrors;

    public static async Task<ConsoleHost> StartAsync(IReadOnlyDictionary<string, string?>? configuration = null)
    {
        var host = await ServiceHost.StartAsync("console-test",
            configuration ?? new Dictionary<string, string?>(),
            b =>
            {
                b.AddReview();
                b.AddAudit();
            },
            r =>
            {
                r.MapReview();
                r.MapAudit();
            });
        return new ConsoleHost(host);
    }

    public T Client<T>(string apiKey) => _host.Client<T>(apiKey);

    public async Task<IPage> OpenAsync(DebianChromium chromium, string path, string apiKey)
    {
        ArgumentNullException.ThrowIfNull(chromium);
        var page = await chromium.OpenPageAsync(Address);
        page.PageError += (_, error) => _pageErrors.Add(error);
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                _pageErrors.Add(message.Text);
            }
        };
        page.Response += (_, response) =>
        {
            if (response.Status >= 400)
            {
                _pageErrors.Add($"{response.Status} {response.Request.Method} {response.Url}");
            }
        };
        await page.GotoAsync(path);
        await page.FillAsync("#api-key", apiKey);
        await page.PressAsync("#api-key", "Enter");
        return page;
    }

    /// <summary>A comment the classifier sent to review, with evidence on <paramref name="evidence"/> in its body.</summary>
    public async Task<Guid> PublishReviewedCommentAsync(string body, string evidence, string category, string author = "reader", string articleTitle = "An article")
    {
        ArgumentNullException.ThrowIfNull(body);
        var bus = Services.GetRequiredService<IBus>();
        var id = Guid.NewGuid();
        var now = DateTimeOffset.UtcNow;
        var start = body.IndexOf(evidence, StringComparison.Ordinal);
        await bus.Publish(new CommentSubmitted(id, Guid.NewGuid(), Guid.NewGuid(), null, "news.example", author, body, articleTitle, now, SubmittedBy: "townhall-ingest", Publisher: TestKeys.Publisher));
        await bus.Publish(new ContentClassified(id, ContentKind.Comment, Verdict.Review, new Dictionary<string, double> { [category] = 0.8 },
            [new ClassificationReason(category, "rule:test", "test evidence", "body", new EvidenceSpan(start, start + evidence.Length))], "m1", "p1", now));
        return id;
    }

    public async Task PublishClassifiedAsync(ContentKind kind, Verdict verdict, string category)
    {
        var bus = Services.GetRequiredService<IBus>();
        var id = Guid.NewGuid();
        var now = DateTimeOffset.UtcNow;
        object submitted = kind == ContentKind.Article
            ? new ArticleSubmitted(id, Guid.NewGuid(), "news.example", "Title", "Body", null, null, null, null, now)
            : new CommentSubmitted(id, Guid.NewGuid(), Guid.NewGuid(), null, "news.example", "reader", "a comment", "Title", now);
        await bus.Publish(submitted);
        await bus.Publish(new ContentClassified(id, kind, verdict, new Dictionary<string, double> { [category] = 0.6 }, [], "m1", "p1", now));
    }

    public ValueTask DisposeAsync() => _host.DisposeAsync();
}
