namespace Moderation.Classification.Policy;

/// <summary>A way of framing words (reporting, quotation, fiction…): the cue phrases that reveal it and how it scales each category.</summary>
public sealed class FramingDocument
{
    public string? Label { get; set; }

    public List<string> Cues { get; set; } = [];

    public Dictionary<string, double> Scale { get; set; } = [];
}
