using System.ComponentModel.DataAnnotations;

namespace Moderation.Ingestion;

/// <summary>Every limit ingestion enforces, in one place (configuration section <c>Ingestion</c>).</summary>
public sealed class IngestionOptions
{
    public const string Section = "Ingestion";

    [Range(1, 1_000)]
    public int MaxSourceLength { get; set; } = 200;

    [Range(1, 10_000)]
    public int MaxTitleLength { get; set; } = 500;

    [Range(1, 10_000_000)]
    public int MaxArticleBodyLength { get; set; } = 200_000;

    [Range(1, 1_000_000)]
    public int MaxCommentBodyLength { get; set; } = 10_000;

    [Range(1, 10_000)]
    public int MaxAuthorLength { get; set; } = 200;

    [Range(1, 100_000)]
    public int MaxUrlLength { get; set; } = 2_048;

    [Range(1, 10_000)]
    public int MaxExternalIdLength { get; set; } = 200;

    [Range(1, 100)]
    public int MaxLanguageLength { get; set; } = 35;

    /// <summary>The largest request body a single article or comment call may send.</summary>
    [Range(1_024, 100_000_000)]
    public long MaxRequestBodyBytes { get; set; } = 1_048_576;

    /// <summary>The largest scraped page <c>POST /api/v1/articles/import</c> takes.</summary>
    [Range(1_024, 100_000_000)]
    public long MaxImportBytes { get; set; } = 2_097_152;

    /// <summary>How long parsing one HTML page may take; a page that takes longer (absurdly nested markup) is a 422.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:01:00")]
    public TimeSpan MaxImportParseTime { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>HTML nested deeper than this is not read (real pages stay far below it).</summary>
    [Range(8, 10_000)]
    public int MaxHtmlDepth { get; set; } = 256;

    /// <summary>The most lines one NDJSON batch may hold.</summary>
    [Range(1, 100_000)]
    public int MaxBatchLines { get; set; } = 1_000;

    /// <summary>The largest NDJSON batch body.</summary>
    [Range(1_024, 1_000_000_000)]
    public long MaxBatchBytes { get; set; } = 10_485_760;

    /// <summary>
    /// The most submissions of a batch that travel in one <c>BatchSubmitted</c> message: a batch of
    /// 250 lines leaves as messages of 100, 100 and 50.
    /// </summary>
    [Range(1, 1_000)]
    public int MaxItemsPerBatchMessage { get; set; } = 100;

    /// <summary>
    /// The most content one <c>BatchSubmitted</c> message carries, counted as the UTF-8 bytes of
    /// its submissions' texts plus a little for their ids: long articles leave in smaller messages,
    /// so no message grows to tens of megabytes in the broker and in every consumer's memory. A
    /// single submission larger than this travels alone.
    /// </summary>
    [Range(65_536, 67_108_864)]
    public int MaxBatchMessageBytes { get; set; } = 1_048_576;

    /// <summary>How long the same normalised text from the same source counts as a duplicate of the first.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "30.00:00:00")]
    public TimeSpan DuplicateWindow { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>How long an <c>Idempotency-Key</c> answer is kept and returned again.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "30.00:00:00")]
    public TimeSpan IdempotencyKeyLifetime { get; set; } = TimeSpan.FromHours(24);

    [Range(1, 1_000)]
    public int MaxIdempotencyKeyLength { get; set; } = 200;

    /// <summary>The most comments <c>GET /api/v1/articles/{articleId}</c> lists (the oldest first).</summary>
    [Range(1, 100_000)]
    public int MaxThreadComments { get; set; } = 1_000;

    /// <summary>
    /// A line that starts with one of these (as whole words) and is short is chrome: ads, calls to act,
    /// bylines. Unset, each evidence list of the page import is its Default… list; a list in
    /// configuration replaces it (the configuration binder would append to an initialised array).
    /// </summary>
    public string[]? ChromePhrases { get; set; }

    public static IReadOnlyList<string> DefaultChromePhrases { get; } =
    [
        "Advertisement", "Advertising", "Sponsored", "Promoted", "Subscribe", "Sign up", "Sign in", "Log in", "Join",
        "Register", "Share", "Tweet", "Email this", "Print", "Follow us", "Follow on", "Read more", "Read next",
        "Continue reading", "Click here", "Download our", "Get our", "Skip to", "Cookie", "We use cookies",
        "Accept", "By", "Updated", "Published", "Posted", "Related", "See also", "Watch", "Listen", "Comments",
        "Leave a comment", "Copyright", "All rights reserved",
    ];

    /// <summary>A short line that starts with one of these opens a new part of the page (a block of other stories).</summary>
    public string[]? SectionPhrases { get; set; }

    public static IReadOnlyList<string> DefaultSectionPhrases { get; } =
    [
        "Recommended", "Trending", "Related", "More from", "More stories", "Most read", "Most popular", "Popular",
        "You may also like", "You might also like", "Read next", "Comments", "Editor's picks", "Top stories", "Latest",
    ];

    /// <summary>A short line that is not a sentence and names one of these is a photo credit.</summary>
    public string[]? CreditWords { get; set; }

    public static IReadOnlyList<string> DefaultCreditWords { get; } = ["Photo", "Photos", "Photograph", "Image", "Images", "Credit", "Illustration", "Video"];

    /// <summary>An HTML element whose class or id holds one of these words (split at '-', '_') is not article text.</summary>
    public string[]? ChromeClassWords { get; set; }

    public static IReadOnlyList<string> DefaultChromeClassWords { get; } =
    [
        "ad", "ads", "advert", "advertisement", "banner", "promo", "sponsored", "share", "sharing", "social", "related",
        "recommended", "trending", "newsletter", "subscribe", "subscription", "cookie", "consent", "popup", "modal",
        "sidebar", "breadcrumb", "breadcrumbs", "menu", "nav", "comments", "comment", "widget", "outbrain", "taboola",
    ];

    /// <summary>A line of at least this many words counts as a paragraph (shorter ones do when they end a sentence).</summary>
    [Range(3, 100)]
    public int MinParagraphWords { get; set; } = 10;

    /// <summary>Lines longer than this are never taken for chrome by their first words or by repeating.</summary>
    [Range(1, 100)]
    public int MaxChromeLineWords { get; set; } = 12;

    [Range(3, 200)]
    public int MaxTitleWords { get; set; } = 30;
}
