using Moderation.Contracts;

namespace Moderation.Client;

/// <summary>One line of <c>POST /api/v1/training/examples</c>: a text and its labels (category: 0 or 1).</summary>
public sealed record TrainingExampleRequest(string? Text, IReadOnlyDictionary<string, int>? Labels, ContentKind? Kind = null);
