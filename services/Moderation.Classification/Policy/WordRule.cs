namespace Moderation.Classification.Policy;

/// <summary>Whole words or phrases, matched on the folded text; each counts with the weight given.</summary>
public sealed class WordRule
{
    public double Weight { get; set; }

    public string? Detail { get; set; }

    public List<string> Terms { get; set; } = [];
}
