using System.Text;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;

namespace Moderation.Ingestion.Domain;

/// <summary>
/// Turns a scraped page into the lines a reader would see. HTML goes through AngleSharp's HTML5
/// parser: elements that are never article text (scripts, navigation, forms, elements named like
/// ads or share bars) are left out, and each block element becomes one line with its link density.
/// </summary>
public static class PageReader
{
    private static readonly HashSet<string> NeverText = new(StringComparer.OrdinalIgnoreCase)
    {
        "head", "script", "style", "noscript", "template", "nav", "aside", "form", "button", "iframe", "svg",
        "select", "input", "textarea", "figcaption", "dialog", "object", "embed", "video", "audio", "canvas",
    };

    private static readonly HashSet<string> BlockElements = new(StringComparer.OrdinalIgnoreCase)
    {
        "p", "div", "section", "article", "main", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "dl", "dt", "dd",
        "blockquote", "pre", "table", "tr", "td", "th", "figure", "header", "footer", "address", "hr", "body",
    };

    /// <summary>Elements whose class or id is never checked against chrome words: they hold the whole page.</summary>
    private static readonly HashSet<string> Containers = new(StringComparer.OrdinalIgnoreCase) { "html", "body", "main", "article" };

    public static IReadOnlyList<PageBlock> ReadText(string page)
    {
        ArgumentNullException.ThrowIfNull(page);
        var blocks = new List<PageBlock>();
        var run = 0;
        foreach (var raw in page.Split('\n'))
        {
            var line = Collapse(raw);
            if (!line.Any(char.IsLetterOrDigit))
            {
                run++;
                continue;
            }

            blocks.Add(new PageBlock(line, run, 0, IsHeading: false));
        }

        return blocks;
    }

    /// <summary>
    /// Reads an HTML page into blocks and its document title (og:title, else &lt;title&gt;). Elements
    /// nested deeper than <paramref name="maxDepth"/> are not read, and the title is looked for in the
    /// head's own children only, so that no walk goes as deep as a hostile page is nested.
    /// </summary>
    public static async Task<(IReadOnlyList<PageBlock> Blocks, string? DocumentTitle)> ReadHtmlAsync(
        string page, IReadOnlyCollection<string> chromeClassWords, int maxDepth, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(page);
        using var document = await new HtmlParser().ParseDocumentAsync(page, cancellationToken);
        IEnumerable<IElement> head = document.Head?.Children ?? Enumerable.Empty<IElement>();
        var ogTitle = head.FirstOrDefault(e => e.LocalName == "meta" && e.GetAttribute("property") == "og:title")?.GetAttribute("content");
        var title = string.IsNullOrWhiteSpace(ogTitle) ? head.FirstOrDefault(e => e.LocalName == "title")?.TextContent : ogTitle;
        var reader = new BlockCollector(chromeClassWords, maxDepth);
        if (document.Body is { } body)
        {
            reader.Walk(body, inLink: false, insideArticle: false, depth: 0);
            reader.Flush(isHeading: false);
        }

        return (reader.Blocks, title is null ? null : Collapse(title));
    }

    internal static string Collapse(string text)
    {
        var builder = new StringBuilder(text.Length);
        var space = false;
        foreach (var c in text)
        {
            if (char.IsWhiteSpace(c))
            {
                space = builder.Length > 0;
                continue;
            }

            if (space)
            {
                builder.Append(' ');
                space = false;
            }

            builder.Append(c);
        }

        return CanonicalText.Normalize(builder.ToString());
    }

    private sealed class BlockCollector(IReadOnlyCollection<string> chromeClassWords, int maxDepth)
    {
        private readonly StringBuilder _text = new();
        private int _linkCharacters;
        private int _run;
        private int? _listRun;

        public List<PageBlock> Blocks { get; } = [];

        public void Walk(INode node, bool inLink, bool insideArticle, int depth)
        {
            if (depth > maxDepth)
            {
                return;
            }

            foreach (var child in node.ChildNodes)
            {
                if (child is IText text)
                {
                    _text.Append(text.Data);
                    if (inLink)
                    {
                        _linkCharacters += text.Data.Count(c => !char.IsWhiteSpace(c));
                    }
                }
                else if (child is IElement element && !IsNeverText(element, insideArticle))
                {
                    WalkElement(element, inLink, insideArticle, depth + 1);
                }
            }
        }

        public void Flush(bool isHeading)
        {
            var line = Collapse(_text.ToString());
            if (line.Any(char.IsLetterOrDigit))
            {
                var characters = line.Count(c => !char.IsWhiteSpace(c));
                Blocks.Add(new PageBlock(line, _listRun ?? ++_run, Math.Min(1, (double)_linkCharacters / characters), isHeading));
            }

            _text.Clear();
            _linkCharacters = 0;
        }

        private void WalkElement(IElement element, bool inLink, bool insideArticle, int depth)
        {
            var name = element.LocalName;
            if (name == "br")
            {
                Flush(isHeading: false);
                return;
            }

            if (!BlockElements.Contains(name))
            {
                Walk(element, inLink || name == "a", insideArticle, depth);
                return;
            }

            Flush(isHeading: false);
            var outerList = _listRun;
            if (name is "ul" or "ol")
            {
                _listRun = ++_run;
            }

            Walk(element, inLink, insideArticle || name == "article", depth);
            Flush(isHeading: name == "h1");
            _listRun = outerList;
        }

        private bool IsNeverText(IElement element, bool insideArticle)
        {
            if (NeverText.Contains(element.LocalName) ||
                element.HasAttribute("hidden") ||
                string.Equals(element.GetAttribute("aria-hidden"), "true", StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }

            // A site's header and footer are chrome; an article's own header holds its title.
            if (element.LocalName is "header" or "footer" && !insideArticle)
            {
                return true;
            }

            if (Containers.Contains(element.LocalName))
            {
                return false;
            }

            var names = $"{element.GetAttribute("class")} {element.Id}".Split([' ', '-', '_'], StringSplitOptions.RemoveEmptyEntries);
            return names.Any(n => chromeClassWords.Contains(n, StringComparer.OrdinalIgnoreCase));
        }
    }
}
