namespace Moderation.Classification.Domain;

/// <summary>A lexicon entry: evidence for a category, a cue that reveals a framing, or a phrase in which listed words are no evidence.</summary>
public sealed class Term(int id, string[] words, int category, int framingBit, double weight, string detail)
{
    public const int FramingCue = -1;

    public const int InnocentPhrase = -2;

    public int Id { get; } = id;

    public string[] Words { get; } = words;

    /// <summary>Index into the taxonomy, or <see cref="FramingCue"/>, or <see cref="InnocentPhrase"/>.</summary>
    public int Category { get; } = category;

    public int FramingBit { get; } = framingBit;

    public double Weight { get; } = weight;

    public string Detail { get; } = detail;
}
