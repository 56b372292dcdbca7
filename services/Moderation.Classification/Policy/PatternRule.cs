namespace Moderation.Classification.Policy;

/// <summary>A regular expression over the folded text (lower case, evasions undone).</summary>
public sealed class PatternRule
{
    public double Weight { get; set; }

    public string? Detail { get; set; }

    public string? Regex { get; set; }
}
