using System.ComponentModel.DataAnnotations;

namespace Moderation.Review;

public sealed class ReviewOptions
{
    public const string Section = "Review";

    /// <summary>How long a claim holds an item before it returns to the queue.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromMinutes(5);

    [Range(1, 100)]
    public int MaxClaimCount { get; set; } = 20;

    [Range(1, 500)]
    public int MaxPageSize { get; set; } = 100;

    [Range(1, 10_000)]
    public int MaxNoteLength { get; set; } = 2_000;

    /// <summary>The reason codes a decision may give.</summary>
    [MinLength(1)]
    public List<string> ReasonCodes { get; set; } =
    [
        "no-violation", "news-context", "threat", "harassment", "hate", "violence", "sexual", "self-harm",
        "illicit", "spam", "pii", "profanity", "other",
    ];
}
