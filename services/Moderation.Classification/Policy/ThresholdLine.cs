namespace Moderation.Classification.Policy;

/// <summary>
/// Review and block thresholds for the scores they match; the most specific line wins. A line for a
/// <see cref="Publisher"/> applies to that publisher's submissions only, so one tenant can be stricter
/// (or laxer) than the platform's default without touching another's.
/// </summary>
public sealed class ThresholdLine
{
    public string? Category { get; set; }

    public string? Kind { get; set; }

    public string? Source { get; set; }

    public string? Publisher { get; set; }

    public double Review { get; set; }

    public double Block { get; set; }
}
