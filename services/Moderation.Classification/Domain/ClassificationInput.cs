using Moderation.Contracts;

namespace Moderation.Classification.Domain;

/// <summary>What is classified: the fields, their kind, source and publisher, and how often the same text was seen before.</summary>
public sealed record ClassificationInput(ContentKind Kind, string? Source, IReadOnlyList<ContentField> Fields, int TimesSeenBefore = 0, string? Publisher = null);
