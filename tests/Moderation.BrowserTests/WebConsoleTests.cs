using Microsoft.Playwright;
using Moderation.Client;
using Moderation.Contracts;
using Moderation.Testing;
using static Microsoft.Playwright.Assertions;

namespace Moderation.BrowserTests;

[Collection(BrowserCollection.Name)]
public sealed class WebConsoleTests(DebianChromium chromium) : IAsyncLifetime
{
    private ConsoleHost _host = null!;

    public async Task InitializeAsync()
    {
        SetDefaultExpectTimeout(15_000);
        _host = await ConsoleHost.StartAsync();
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [SkippableFact]
    public async Task The_dashboard_shows_the_counts_of_a_known_set_of_submissions()
    {
        await _host.PublishClassifiedAsync(ContentKind.Article, Verdict.Allow, Categories.Violence);
        await _host.PublishClassifiedAsync(ContentKind.Article, Verdict.Allow, Categories.Spam);
        await _host.PublishClassifiedAsync(ContentKind.Comment, Verdict.Allow, Categories.Profanity);
        await _host.PublishClassifiedAsync(ContentKind.Comment, Verdict.Block, Categories.Spam);
        await _host.PublishReviewedCommentAsync("You will regret this tonight.", "regret this tonight", Categories.HarassmentThreatening);
        await _host.PublishReviewedCommentAsync("They are all vermin.", "vermin", Categories.Hate);
        // Each submission is logged as submitted and classified; the four the policy allowed or blocked
        // also carry the policy's automatic decision: 6 × 2 + 4 entries.
        await Eventually.GetAsync(() => _host.Client<IAuditApi>(TestKeys.Auditor).VerifyAsync(), v => v.Entries == 16, what: "sixteen audit entries");

        var page = await _host.OpenAsync(chromium, "/dashboard", TestKeys.Auditor);

        await Expect(page.Locator("#total-submissions")).ToHaveTextAsync("6");
        await Expect(page.Locator("#total-kinds")).ToHaveTextAsync("2 articles, 4 comments");
        await Expect(page.Locator("#total-allow")).ToHaveTextAsync("3");
        await Expect(page.Locator("#total-review")).ToHaveTextAsync("2");
        await Expect(page.Locator("#total-block")).ToHaveTextAsync("1");
        await Expect(page.Locator("#queue-depth")).ToHaveTextAsync("2");
        await Expect(page.Locator("#queue-past-sla")).ToHaveTextAsync("0");
        await Expect(page.Locator("#decisions-total")).ToHaveTextAsync("4");
        await Expect(page.Locator("#decisions-split")).ToHaveTextAsync("4 by the policy, 0 by moderators");
        await Expect(page.Locator("#error-queue-messages")).ToHaveTextAsync("not counted");
        await Expect(page.Locator("#error-queue-detail")).ToContainTextAsync("in-memory bus");
        await Expect(page.Locator("#chain-status")).ToHaveTextAsync("intact");
        await Expect(page.Locator("#chain-entries")).ToHaveTextAsync("16 entries checked");
        await Expect(page.Locator("#hourly-chart svg rect")).Not.ToHaveCountAsync(0);
        await Expect(page.Locator("#categories tbody tr")).ToHaveCountAsync(6);
        await Screenshots.SaveAsync(page, "dashboard");
        Assert.Empty(_host.PageErrors);
    }

    [SkippableFact]
    public async Task A_moderator_claims_and_removes_an_item_with_the_keyboard_and_it_leaves_the_queue()
    {
        var submission = await _host.PublishReviewedCommentAsync("Sheinbaum could be vaporized in her car tonight.", "vaporized in her car tonight", Categories.HarassmentThreatening);
        var review = _host.Client<IReviewApi>(TestKeys.Moderator);
        await Eventually.GetAsync(() => review.ListItemsAsync(ReviewItemStatus.Pending), p => p.Total == 1, what: "the item in the queue");

        var page = await _host.OpenAsync(chromium, "/review", TestKeys.Moderator);
        await Expect(page.Locator("#queue-count")).ToHaveTextAsync("1");

        await page.Keyboard.PressAsync("n");
        await Expect(page.Locator("#claimed-list li[data-item-id]")).ToHaveCountAsync(1);
        await Expect(page.Locator("#content mark")).ToHaveTextAsync("vaporized in her car tonight");
        await Expect(page.Locator("#context")).ToContainTextAsync("A comment under the article An article");
        await Expect(page.Locator("#lease")).ToContainTextAsync("left");
        await Expect(page.Locator("#reason")).ToHaveValueAsync("threat");
        await Expect(page.Locator("#queue-count")).ToHaveTextAsync("0");
        await Expect(page.Locator("#claimed-count")).ToHaveTextAsync("1");
        await Screenshots.SaveAsync(page, "review");

        await page.Keyboard.PressAsync("r");
        await Expect(page.Locator("#status")).ToContainTextAsync("Removed (threat)");
        await Expect(page.Locator("#claimed-list li[data-item-id]")).ToHaveCountAsync(0);
        await Expect(page.Locator("#claimed-count")).ToHaveTextAsync("0");
        await Expect(page.Locator("#queue-count")).ToHaveTextAsync("0");

        var decided = Assert.Single((await review.ListItemsAsync(ReviewItemStatus.Decided)).Items);
        Assert.Equal(submission, decided.SubmissionId);
        Assert.Equal(DecisionOutcome.Remove, decided.Decision!.Outcome);
        await Eventually.GetAsync(() => _host.Client<IAuditApi>(TestKeys.Auditor).GetOverviewAsync(), o => o.Queue.Depth == 0 && o.Moderators.Count == 1, what: "the decision on the dashboard");
        Assert.Empty(_host.PageErrors);
    }

    [SkippableFact]
    public async Task A_comment_full_of_markup_shows_as_characters_and_runs_nothing()
    {
        const string body = "<script>window.injected = 'script'</script><img src=x onerror=\"window.injected = 'onerror'\"> read this";
        const string author = "<img src=y onerror=\"window.injected = 'author'\">";
        var submission = await _host.PublishReviewedCommentAsync(body, "<img src=x onerror", Categories.Spam, author, "<b onmouseover=\"window.injected = 'title'\">headline</b>");
        var review = _host.Client<IReviewApi>(TestKeys.Moderator);
        await Eventually.GetAsync(() => review.ListItemsAsync(ReviewItemStatus.Pending), p => p.Total == 1, what: "the item in the queue");

        var page = await _host.OpenAsync(chromium, "/review", TestKeys.Moderator);
        await page.Keyboard.PressAsync("n");
        await Expect(page.Locator("#content")).ToHaveTextAsync(body);
        await Expect(page.Locator("#content mark")).ToHaveTextAsync("<img src=x onerror");
        await Expect(page.Locator("#context")).ToContainTextAsync("<b onmouseover=");
        await page.Locator("#context").HoverAsync();
        await Screenshots.SaveAsync(page, "review-markup-inert");
        await AssertNothingRanAsync(page, "#item");

        await Eventually.GetAsync(() => _host.Client<IAuditApi>(TestKeys.Auditor).ListEntriesAsync(submission), p => p.Entries.Count == 2, what: "the audit entries");
        var audit = await _host.OpenAsync(chromium, $"/audit?submission={submission}", TestKeys.Auditor);
        await Expect(audit.Locator("#timeline li")).ToHaveCountAsync(2);
        await Expect(audit.Locator("#timeline .actor").First).ToHaveTextAsync("submitter:townhall-ingest");
        await Expect(audit.Locator("#timeline dd", new PageLocatorOptions { HasText = "onerror" })).ToHaveTextAsync(author);
        await Expect(audit.Locator("#chain-verdict")).ToContainTextAsync("Intact");
        await Screenshots.SaveAsync(audit, "audit-search");
        await AssertNothingRanAsync(audit, "#timeline");
        Assert.Empty(_host.PageErrors);
    }

    private static async Task AssertNothingRanAsync(IPage page, string container)
    {
        Assert.Equal(0, await page.Locator($"{container} script, {container} img, {container} b").CountAsync());
        Assert.Equal("undefined", await page.EvaluateAsync<string>("() => typeof window.injected"));
    }
}
