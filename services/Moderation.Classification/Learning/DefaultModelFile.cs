namespace Moderation.Classification.Learning;

/// <summary>The shipped model as stored in <c>Model/default-model.json</c>.</summary>
public sealed record DefaultModelFile(string Version, string Encoder, int Dimension, IReadOnlyList<CategoryHead> Heads, ScreenHead? Screen = null);
