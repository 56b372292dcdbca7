using Moderation.Ingestion.Domain;
using Moderation.Testing;

namespace Moderation.Ingestion.Tests;

public sealed class ArticleExtractorTests
{
    private static readonly ArticleExtractor Extractor = new(ChromeRules.From(new IngestionOptions()));

    [SkippableFact]
    public void The_seed_page_yields_its_title_and_the_article_without_chrome()
    {
        var article = Extractor.ExtractText(TestEnvironment.ReadSeedPage());

        Assert.NotNull(article);
        Assert.Equal("Trump Administration Considering 'Unprecedented' Action Against Mexican Drug Cartels", article.Title);
        Assert.StartsWith("The Trump administration is reportedly mulling", article.Body, StringComparison.Ordinal);
        Assert.EndsWith("\u201CIt\u2019s not going to have an impact.\u201D", article.Body, StringComparison.Ordinal);
        Assert.DoesNotContain("Advertisement", article.Body, StringComparison.Ordinal);
        Assert.DoesNotContain("Join the conversation", article.Body, StringComparison.Ordinal);
        Assert.DoesNotContain("Climate Myths", article.Body, StringComparison.Ordinal);
        Assert.DoesNotContain("Trending", article.Body, StringComparison.Ordinal);
        Assert.DoesNotContain("AP Photo", article.Body, StringComparison.Ordinal);
        Assert.Contains("Todd Zimmerman", article.Body, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("harbour-news.html", "City Council Approves New Harbour Ferry Route",
        "The city council voted on Tuesday evening", "the committee chair told reporters after the vote.",
        "Advertisement|Share on|Storm warning|Subscribe|cookies|Photo:|By Maria Olsen|Coastline Daily")]
    [InlineData("mountain-rescue.txt", "Mountain Rescue Teams Report Record Number of Call-outs",
        "Volunteer mountain rescue teams were called out", "when they expected to be back.",
        "SPONSORED|Sign up|Share this|Facebook|Related|Five walks|Image credit|By Tom|Updated|Home >")]
    [InlineData("library-reopens.html", "Central Library Reopens After Two-Year Renovation",
        "The central library opened its doors again", "were the change that readers had asked for most often.",
        "Mayor announces|mailing list|Read more|Privacy|Home|Culture\n")]
    [InlineData("orchard-frost.txt", "Frost Damage Hits Apple Orchards Across the Valley",
        "Growers across the valley are counting the cost", "emergency support for the worst-hit farms.",
        "ADVERTISEMENT|MENU|Click here|You may also like|Dairy prices|Vineyards")]
    [InlineData("harbour-comments.html", "Why Our Town Needs a Night Bus",
        "Every weekend, hundreds of young people", "whether it works.",
        "Photograph|Read more|Tweet|Comments|Great idea|council tax|teaser|Trending")]
    public async Task A_page_yields_its_title_and_body_without_its_chrome(string file, string title, string bodyStart, string bodyEnd, string chrome)
    {
        var page = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Pages", file));

        var article = file.EndsWith(".html", StringComparison.Ordinal) ? await Extractor.ExtractHtmlAsync(page, CancellationToken.None) : Extractor.ExtractText(page);

        Assert.NotNull(article);
        Assert.Equal(title, article.Title);
        Assert.StartsWith(bodyStart, article.Body, StringComparison.Ordinal);
        Assert.EndsWith(bodyEnd, article.Body, StringComparison.Ordinal);
        foreach (var line in chrome.Split('|'))
        {
            Assert.DoesNotContain(line.Replace("\\n", "\n", StringComparison.Ordinal), article.Body, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("")]
    [InlineData("Advertisement\nAdvertisement\nSubscribe now")]
    [InlineData("<html><body><nav><a href='/'>Home</a></nav></body></html>")]
    public async Task A_page_without_an_article_yields_nothing(string page)
    {
        var text = page.Replace("\\n", "\n", StringComparison.Ordinal);
        Assert.Null(text.StartsWith('<') ? await Extractor.ExtractHtmlAsync(text, CancellationToken.None) : Extractor.ExtractText(text));
    }
}
