namespace Moderation.Classification.Domain;

/// <summary>A lexicon entry: evidence for a category, or a cue that reveals a framing.</summary>
public sealed class Term(int id, string[] words, int category, int framingBit, double weight, string detail)
{
    public int Id { get; } = id;

    public string[] Words { get; } = words;

    /// <summary>Index into the taxonomy, or -1 for a framing cue.</summary>
    public int Category { get; } = category;

    public int FramingBit { get; } = framingBit;

    public double Weight { get; } = weight;

    public string Detail { get; } = detail;
}
