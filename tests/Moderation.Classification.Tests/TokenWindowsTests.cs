using Moderation.Classification.Embeddings;

namespace Moderation.Classification.Tests;

public sealed class TokenWindowsTests
{
    [Fact]
    public void A_text_that_fits_is_one_window()
    {
        Assert.Equal([(0, 100)], TokenWindows.Split(100, 128, 32, 16));
    }

    [Fact]
    public void Longer_texts_are_covered_by_windows_that_overlap_and_end_at_the_last_piece()
    {
        var windows = TokenWindows.Split(300, 128, 32, 16);
        Assert.Equal(0, windows[0].Start);
        Assert.All(windows, w => Assert.InRange(w.Length, 1, 126));
        for (var i = 1; i < windows.Count; i++)
        {
            Assert.Equal(32, windows[i - 1].Start + windows[i - 1].Length - windows[i].Start);
        }

        Assert.Equal(300, windows[^1].Start + windows[^1].Length);
    }

    [Fact]
    public void A_very_long_text_stops_at_the_window_limit_and_the_capacity_says_how_far_that_reaches()
    {
        var windows = TokenWindows.Split(100_000, 128, 32, 4);
        Assert.Equal(4, windows.Count);
        Assert.Equal(TokenWindows.Capacity(128, 32, 4), windows[^1].Start + windows[^1].Length);
    }
}
