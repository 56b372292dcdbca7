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
}
