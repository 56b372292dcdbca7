namespace Moderation.Classification.Policy;

public sealed class SpamSettings
{
    /// <summary>From this many links on, a text is a link flood.</summary>
    public int LinksFrom { get; set; } = 3;

    public double LinkFloodWeight { get; set; } = 0.7;

    /// <summary>Shouting: at least this many letters, and at least this share of them upper case.</summary>
    public int ShoutingMinLetters { get; set; } = 20;

    public double ShoutingRatio { get; set; } = 0.7;

    public double ShoutingWeight { get; set; } = 0.5;

    /// <summary>The same text from the same source this many times is repeated spam.</summary>
    public int RepeatsFrom { get; set; } = 3;

    public double RepeatWeight { get; set; } = 0.8;
}
