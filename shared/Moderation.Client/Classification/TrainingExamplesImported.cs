namespace Moderation.Client;

public sealed record TrainingExamplesImported(int Accepted, int Duplicates, int Total);
