using Microsoft.Playwright;

namespace Moderation.BrowserTests;

/// <summary>
/// Debian's Chromium, launched once for all browser tests. Playwright never downloads a browser
/// here: without /usr/bin/chromium (the README's test command installs it) the tests say they were skipped.
/// </summary>
public sealed class DebianChromium : IAsyncLifetime
{
    public const string ExecutablePath = "/usr/bin/chromium";

    private IPlaywright? _playwright;

    public IBrowser? Browser { get; private set; }

    public async Task InitializeAsync()
    {
        if (!File.Exists(ExecutablePath))
        {
            return;
        }

        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ExecutablePath,
            Headless = true,
            Args =
            [
                "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--no-first-run",
            ],
        });
    }

    /// <summary>A fresh browser context (its own sessionStorage) on the given host.</summary>
    public async Task<IPage> OpenPageAsync(Uri baseAddress)
    {
        Skip.If(Browser is null, $"{ExecutablePath} is missing: install Debian's chromium package (the README's test command does, as root).");
        var context = await Browser!.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = baseAddress.ToString(),
            ViewportSize = new ViewportSize { Width = 1280, Height = 900 },
        });
        return await context.NewPageAsync();
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }

        _playwright?.Dispose();
    }
}

[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<DebianChromium>
{
    public const string Name = "Debian Chromium";
}
