using System.ComponentModel.DataAnnotations;
using Moderation.Contracts;

namespace Moderation.Review;

public sealed class ReviewOptions : IValidatableObject
{
    public const string Section = "Review";

    /// <summary>How long a claim holds an item before it returns to the queue.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromMinutes(5);

    [Range(1, 100)]
    public int MaxClaimCount { get; set; } = 20;

    /// <summary>How many live leases one moderator may hold at once, so nobody hoards the queue.</summary>
    [Range(1, 1_000)]
    public int MaxHeldPerModerator { get; set; } = 20;

    [Range(1, 500)]
    public int MaxPageSize { get; set; } = 100;

    [Range(1, 10_000)]
    public int MaxNoteLength { get; set; } = 2_000;

    /// <summary>Longest reason of a user report or an author's appeal.</summary>
    [Range(1, 10_000)]
    public int MaxReasonLength { get; set; } = 1_000;

    [Range(1, 1_000)]
    public int MaxBulkItems { get; set; } = 100;

    /// <summary>The reason codes a decision may give.</summary>
    [MinLength(1)]
    public List<string> ReasonCodes { get; set; } =
    [
        "no-violation", "news-context", "threat", "harassment", "hate", "violence", "sexual", "self-harm",
        "illicit", "spam", "pii", "profanity", "other",
    ];

    /// <summary>How much worse a category is than another at the same score (1 when not listed).</summary>
    public Dictionary<string, double> CategoryWeights { get; set; } = new(StringComparer.Ordinal)
    {
        [Categories.SexualMinors] = 2.0,
        [Categories.SelfHarmIntent] = 1.8,
        [Categories.SelfHarmInstructions] = 1.6,
        [Categories.HarassmentThreatening] = 1.5,
        [Categories.HateThreatening] = 1.5,
        [Categories.IllicitViolent] = 1.3,
        [Categories.ViolenceGraphic] = 1.2,
        [Categories.Spam] = 0.5,
        [Categories.Profanity] = 0.5,
    };

    /// <summary>How soon an item of a category must be decided, counted from when it entered the queue.</summary>
    public Dictionary<string, TimeSpan> Sla { get; set; } = new(StringComparer.Ordinal)
    {
        [Categories.HarassmentThreatening] = TimeSpan.FromMinutes(15),
        [Categories.HateThreatening] = TimeSpan.FromMinutes(15),
        [Categories.SelfHarmIntent] = TimeSpan.FromMinutes(15),
        [Categories.SexualMinors] = TimeSpan.FromMinutes(15),
        [Categories.SelfHarmInstructions] = TimeSpan.FromMinutes(30),
        [Categories.IllicitViolent] = TimeSpan.FromHours(1),
        [Categories.ViolenceGraphic] = TimeSpan.FromHours(1),
    };

    /// <summary>The SLA of a category not listed in <see cref="Sla"/>.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "30.00:00:00")]
    public TimeSpan DefaultSla { get; set; } = TimeSpan.FromHours(4);

    /// <summary>Priority points each user report adds, up to <see cref="MaxCountedReports"/> reports.</summary>
    [Range(0, 100)]
    public double ReportWeight { get; set; } = 5;

    [Range(0, 1_000)]
    public int MaxCountedReports { get; set; } = 10;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        foreach (var (category, weight) in CategoryWeights)
        {
            if (!Categories.All.Contains(category))
            {
                yield return new ValidationResult($"Review:CategoryWeights: '{category}' is not a category of the taxonomy.");
            }
            else if (weight is <= 0 or > 100)
            {
                yield return new ValidationResult($"Review:CategoryWeights:{category} must be above 0 and at most 100.");
            }
        }

        foreach (var (category, sla) in Sla)
        {
            if (!Categories.All.Contains(category))
            {
                yield return new ValidationResult($"Review:Sla: '{category}' is not a category of the taxonomy.");
            }
            else if (sla <= TimeSpan.Zero)
            {
                yield return new ValidationResult($"Review:Sla:{category} must be a positive time span.");
            }
        }
    }
}
