namespace Moderation.Contracts;

/// <summary>
/// A policy version came into force in one classification process (<see cref="Host"/>): at its start,
/// or when the policy file changed and the edit was accepted. No person is authenticated for it (the
/// file is edited on the host); <see cref="ContentSha256"/> is the SHA-256 of the file's bytes as they
/// were read, so a copy of the file can be matched to the entry, or null when the file no longer held
/// this version by the time it was read. Each load has its own <see cref="LoadId"/>.
/// </summary>
public sealed record PolicyLoaded(
    Guid LoadId,
    string Version,
    string? ContentSha256,
    string Host,
    DateTimeOffset OccurredAt);
