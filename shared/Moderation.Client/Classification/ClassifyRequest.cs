using Moderation.Contracts;

namespace Moderation.Client;

/// <summary>A dry run: the text, its kind, and optionally its source (whose thresholds and framings then apply).</summary>
public sealed record ClassifyRequest(string? Text, ContentKind? Kind, string? Source = null);
