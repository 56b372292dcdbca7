namespace Moderation.Audit.Domain.Chain;

/// <summary>
/// What a walk of the chain found: <see cref="Ok"/> when every entry held, else the first sequence
/// number that did not (an entry that does not hash to what it says, a missing or relinked one).
/// </summary>
public sealed record ChainVerification(bool Ok, long Entries, long? FirstBrokenSequence);
