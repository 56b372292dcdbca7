namespace Moderation.Ingestion.Domain;

/// <summary>
/// Finds an article's title and body on a scraped page by general evidence rather than by one
/// site's markup. A line is chrome when it starts with a configured chrome phrase (ads, calls to
/// subscribe or share), is a photo credit (short, no sentence, names a photo or credit), repeats
/// elsewhere on the page while short, is mostly link text (HTML), has no letters, or sits in a run
/// of short lines (a list of other headlines). Section headings such as "Recommended" close a
/// part of the page. The body is the stretch of one part where paragraphs (long lines or whole
/// sentences) outweigh the short lines between them most; the title is the page's h1, else its
/// document title without the site's name, else (plain text) the nearest short line above the body
/// that is not chrome.
/// </summary>
public sealed class ArticleExtractor(ChromeRules rules)
{
    /// <summary>A run of at least this many lines, nearly all short, is a list of links or headlines.</summary>
    private const int ListRunLength = 3;

    private const double ListShortShare = 0.75;

    private const double LinkHeavyDensity = 0.5;

    /// <summary>A line with at least this share of capitalised words is a headline, not prose.</summary>
    private const double TitleCaseShare = 0.7;

    public ExtractedArticle? ExtractText(string page) => Extract(PageReader.ReadText(page), documentTitle: null);

    /// <summary>Reads an HTML page; cancelling stops the parse (a page may be built to take long).</summary>
    public async Task<ExtractedArticle?> ExtractHtmlAsync(string page, CancellationToken cancellationToken)
    {
        var (blocks, documentTitle) = await PageReader.ReadHtmlAsync(page, rules.ChromeClassWords, rules.MaxHtmlDepth, cancellationToken);
        return Extract(blocks, documentTitle);
    }

    private ExtractedArticle? Extract(IReadOnlyList<PageBlock> blocks, string? documentTitle)
    {
        var paragraph = blocks.Select(IsParagraph).ToArray();
        var chrome = FindChrome(blocks, paragraph);
        var body = FindBody(blocks, paragraph, chrome);
        if (body is not var (start, end))
        {
            return null;
        }

        var title = blocks.FirstOrDefault(b => b.IsHeading && b.LinkDensity <= LinkHeavyDensity)?.Text
            ?? TrimSiteName(documentTitle)
            ?? FindTitleAbove(blocks, paragraph, chrome, start);
        if (string.IsNullOrWhiteSpace(title))
        {
            return null;
        }

        var text = blocks.Skip(start).Take(end - start + 1)
            .Where((b, i) => !chrome[start + i] && !string.Equals(b.Text, title, StringComparison.OrdinalIgnoreCase))
            .Select(b => b.Text);
        return new ExtractedArticle(title, string.Join("\n\n", text));
    }

    /// <summary>Prose: long enough or a whole sentence, not mostly link text, and not a headline in title case.</summary>
    private bool IsParagraph(PageBlock block) =>
        block.LinkDensity <= LinkHeavyDensity &&
        (block.Words >= rules.MinParagraphWords || (block.Words >= 5 && EndsSentence(block.Text))) &&
        !(block.Words < 2 * rules.MinParagraphWords && IsTitleCase(block.Text));

    private static bool IsTitleCase(string text)
    {
        var words = text.Split(' ', StringSplitOptions.RemoveEmptyEntries).Where(w => char.IsLetter(w[0])).ToList();
        return words.Count > 0 && words.Count(w => char.IsUpper(w[0])) >= TitleCaseShare * words.Count;
    }

    private bool[] FindChrome(IReadOnlyList<PageBlock> blocks, bool[] paragraph)
    {
        var counts = blocks.GroupBy(b => b.Text, StringComparer.OrdinalIgnoreCase).ToDictionary(g => g.Key, g => g.Count(), StringComparer.OrdinalIgnoreCase);
        var listRuns = blocks.Select((b, i) => (b.Run, Short: !paragraph[i]))
            .GroupBy(r => r.Run)
            .Where(g => g.Count() >= ListRunLength && g.Count(r => r.Short) >= ListShortShare * g.Count())
            .Select(g => g.Key)
            .ToHashSet();
        return blocks.Select((b, i) =>
            b.LinkDensity > LinkHeavyDensity ||
            StartsWithAny(b, rules.ChromePhrases) ||
            IsCredit(b) ||
            (counts[b.Text] > 1 && b.Words <= rules.MaxChromeLineWords) ||
            listRuns.Contains(b.Run)).ToArray();
    }

    /// <summary>The stretch of one part of the page where paragraphs outweigh short lines most (Kadane's maximum subarray).</summary>
    private (int Start, int End)? FindBody(IReadOnlyList<PageBlock> blocks, bool[] paragraph, bool[] chrome)
    {
        (int Start, int End, int Score)? best = null;
        var score = 0;
        var start = -1;
        for (var i = 0; i < blocks.Count; i++)
        {
            if (IsSectionHeading(blocks[i]))
            {
                score = 0;
                start = -1;
                continue;
            }

            if (chrome[i])
            {
                continue;
            }

            var weight = paragraph[i] ? blocks[i].Words : -blocks[i].Words;
            if (start < 0 || score <= 0)
            {
                if (weight <= 0)
                {
                    continue;
                }

                start = i;
                score = 0;
            }

            score += weight;
            if (best is null || score > best.Value.Score)
            {
                best = (start, i, score);
            }
        }

        return best is { } found ? (found.Start, found.End) : null;
    }

    private string? FindTitleAbove(IReadOnlyList<PageBlock> blocks, bool[] paragraph, bool[] chrome, int bodyStart)
    {
        for (var i = bodyStart - 1; i >= 0; i--)
        {
            if (IsSectionHeading(blocks[i]))
            {
                break;
            }

            var candidate = blocks[i];
            if (!paragraph[i] && candidate.Words <= rules.MaxTitleWords && !StartsWithAny(candidate, rules.ChromePhrases) &&
                !IsCredit(candidate) && candidate.LinkDensity <= LinkHeavyDensity &&
                (!chrome[i] || candidate.Run == blocks[bodyStart].Run))
            {
                return candidate.Text;
            }
        }

        return null;
    }

    private bool IsSectionHeading(PageBlock block) => block.Words <= 5 && StartsWithAny(block, rules.SectionPhrases);

    private bool StartsWithAny(PageBlock block, IReadOnlyCollection<string> phrases) =>
        block.Words <= rules.MaxChromeLineWords && phrases.Any(p => StartsWithWord(block.Text, p));

    /// <summary>A photo credit: a few words, not a sentence, naming a photo, an image or a credit.</summary>
    private bool IsCredit(PageBlock block) =>
        block.Words <= 8 && !EndsSentence(block.Text) && rules.CreditWords.Any(w => ContainsWord(block.Text, w));

    private static bool StartsWithWord(string text, string phrase) =>
        text.StartsWith(phrase, StringComparison.OrdinalIgnoreCase) && (text.Length == phrase.Length || !char.IsLetter(text[phrase.Length]));

    private static bool ContainsWord(string text, string word)
    {
        for (var at = text.IndexOf(word, StringComparison.OrdinalIgnoreCase); at >= 0; at = text.IndexOf(word, at + 1, StringComparison.OrdinalIgnoreCase))
        {
            var end = at + word.Length;
            if ((at == 0 || !char.IsLetter(text[at - 1])) && (end == text.Length || !char.IsLetter(text[end])))
            {
                return true;
            }
        }

        return false;
    }

    private static bool EndsSentence(string text)
    {
        var trimmed = text.TrimEnd('"', '\'', '\u201D', '\u2019', ')', ' ');
        return trimmed.Length > 0 && trimmed[^1] is '.' or '!' or '?' or ':';
    }

    /// <summary>A document title usually ends with the site's name after a separator.</summary>
    private static string? TrimSiteName(string? documentTitle)
    {
        if (string.IsNullOrWhiteSpace(documentTitle))
        {
            return null;
        }

        foreach (var separator in new[] { " | ", " - ", " \u2013 ", " \u2014 ", " :: " })
        {
            var at = documentTitle.LastIndexOf(separator, StringComparison.Ordinal);
            if (at > 0)
            {
                return documentTitle[..at].Trim();
            }
        }

        return documentTitle;
    }
}
