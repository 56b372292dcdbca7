namespace Moderation.Classification.Policy;

/// <summary>A framing compiled: the bit it sets, its label for reasons, and its scale per category index.</summary>
public sealed record Framing(string Name, int Bit, string Label, double[] Scale);
