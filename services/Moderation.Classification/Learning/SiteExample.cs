namespace Moderation.Classification.Learning;

/// <summary>A labelled text as the site's layer learns from it: its features, computed once, and its labels (a category not named counts as 0).</summary>
public sealed record SiteExample(int[] NgramIndices, float[] NgramValues, float[] Dense, IReadOnlyDictionary<string, int> Labels);
