using Moderation.Contracts;

namespace Moderation.Classification.Storage;

/// <summary>A labelled text kept for training. <see cref="ExampleId"/> makes a redelivered decision or a re-imported line a no-op.</summary>
public sealed record TrainingExample(string ExampleId, ContentKind Kind, string Text, IReadOnlyDictionary<string, int> Labels, string Origin, DateTimeOffset AddedAt);
