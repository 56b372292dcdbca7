namespace Moderation.Ingestion.Domain;

/// <summary>The evidence <see cref="ArticleExtractor"/> weighs; every list and threshold is configurable.</summary>
public sealed record ChromeRules(
    IReadOnlyCollection<string> ChromePhrases,
    IReadOnlyCollection<string> SectionPhrases,
    IReadOnlyCollection<string> CreditWords,
    IReadOnlyCollection<string> ChromeClassWords,
    int MinParagraphWords,
    int MaxChromeLineWords,
    int MaxTitleWords,
    int MaxHtmlDepth)
{
    public static ChromeRules From(IngestionOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new ChromeRules(
            options.ChromePhrases ?? [.. IngestionOptions.DefaultChromePhrases],
            options.SectionPhrases ?? [.. IngestionOptions.DefaultSectionPhrases],
            options.CreditWords ?? [.. IngestionOptions.DefaultCreditWords],
            options.ChromeClassWords ?? [.. IngestionOptions.DefaultChromeClassWords],
            options.MinParagraphWords,
            options.MaxChromeLineWords,
            options.MaxTitleWords,
            options.MaxHtmlDepth);
    }
}
