using Microsoft.Playwright;

namespace Moderation.BrowserTests;

/// <summary>Saves what a page showed as a test artifact under artifacts/screenshots at the repository root (git-ignored).</summary>
public static class Screenshots
{
    public static string Directory { get; } = Find();

    public static async Task SaveAsync(IPage page, string name)
    {
        ArgumentNullException.ThrowIfNull(page);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Directory, $"{name}.png"), FullPage = true });
    }

    private static string Find()
    {
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "Moderation.sln")))
        {
            root = root.Parent;
        }

        var directory = Path.Combine(root?.FullName ?? Path.Combine(AppContext.BaseDirectory, "TestResults"), "artifacts", "screenshots");
        System.IO.Directory.CreateDirectory(directory);
        return directory;
    }
}
