using System.ComponentModel.DataAnnotations;

namespace Moderation.Audit;

public sealed class AuditOptions
{
    public const string Section = "Audit";

    /// <summary>How long an item may wait in the review queue before the dashboard counts it past its SLA.</summary>
    [Range(typeof(TimeSpan), "00:01:00", "30.00:00:00")]
    public TimeSpan ReviewSla { get; set; } = TimeSpan.FromHours(4);

    /// <summary>The longest period one overview or CSV export may span.</summary>
    [Range(typeof(TimeSpan), "01:00:00", "400.00:00:00")]
    public TimeSpan MaxPeriod { get; set; } = TimeSpan.FromDays(92);
}
