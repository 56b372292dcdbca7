namespace Moderation.Ingestion.Domain;

/// <summary>
/// One line of a page as the reader sees it: a text line of a plain page, or the text of one block
/// element of an HTML page.
/// </summary>
/// <param name="Text">The line, whitespace collapsed and normalised.</param>
/// <param name="Run">
/// Lines that stand together without a gap (consecutive text lines, the items of one HTML list)
/// share a run; a long run of short lines is a list of headlines or links.
/// </param>
/// <param name="LinkDensity">The share of the text inside links (HTML only; 0 for plain text).</param>
/// <param name="IsHeading">An HTML <c>h1</c>, the page's own word on its title.</param>
public sealed record PageBlock(string Text, int Run, double LinkDensity, bool IsHeading)
{
    public int Words { get; } = CountWords(Text);

    private static int CountWords(string text)
    {
        var words = 0;
        var inWord = false;
        foreach (var c in text)
        {
            var letter = !char.IsWhiteSpace(c);
            if (letter && !inWord)
            {
                words++;
            }

            inWord = letter;
        }

        return words;
    }
}
