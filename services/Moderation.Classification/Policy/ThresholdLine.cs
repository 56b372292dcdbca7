namespace Moderation.Classification.Policy;

/// <summary>Review and block thresholds for the scores they match; the most specific line wins.</summary>
public sealed class ThresholdLine
{
    public string? Category { get; set; }

    public string? Kind { get; set; }

    public string? Source { get; set; }

    public double Review { get; set; }

    public double Block { get; set; }
}
