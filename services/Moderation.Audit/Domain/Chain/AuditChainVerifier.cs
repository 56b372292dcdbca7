namespace Moderation.Audit.Domain.Chain;

/// <summary>
/// Walks the chain from the first entry and names the first one that does not hold, and, given an
/// earlier checkpoint, the first entry where the log no longer is what it was then.
/// </summary>
public static class AuditChainVerifier
{
    public static Task<ChainVerification> VerifyAsync(IAsyncEnumerable<AuditEntry> entries, ChainKeyRing keys, CancellationToken cancellationToken) =>
        VerifyAsync(entries, keys, null, cancellationToken);

    /// <summary>
    /// An entry holds when it has the next sequence number, links to the previous entry's hash and
    /// carries the hash its key gives; an unkeyed one holds only among the
    /// <see cref="ChainKeyRing.UnkeyedEntries"/> first entries of a log begun before keys. With a
    /// <paramref name="checkpoint"/>, the log must still reach its sequence number (a cut tail
    /// breaks at the first missing entry) and that entry must still carry its hash.
    /// </summary>
    public static async Task<ChainVerification> VerifyAsync(
        IAsyncEnumerable<AuditEntry> entries, ChainKeyRing keys, ChainCheckpoint? checkpoint, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entries);
        ArgumentNullException.ThrowIfNull(keys);
        var expectedSequence = 1L;
        var previousHash = AuditEntry.GenesisHash;
        long count = 0;
        await foreach (var entry in entries.WithCancellation(cancellationToken))
        {
            count++;
            if (entry.Sequence != expectedSequence || entry.PreviousHash != previousHash || ExpectedHash(entry, keys) != entry.Hash)
            {
                return new ChainVerification(false, count, Math.Min(entry.Sequence, expectedSequence));
            }

            if (checkpoint is not null && entry.Sequence == checkpoint.Sequence && entry.Hash != checkpoint.Hash)
            {
                return new ChainVerification(false, count, entry.Sequence);
            }

            previousHash = entry.Hash;
            expectedSequence++;
        }

        if (checkpoint is not null && (count < checkpoint.Sequence || (checkpoint.Sequence == 0 && checkpoint.Hash != AuditEntry.GenesisHash)))
        {
            return new ChainVerification(false, count, count + 1);
        }

        return new ChainVerification(true, count, null);
    }

    private static string? ExpectedHash(AuditEntry entry, ChainKeyRing keys) => entry.KeyId switch
    {
        null when entry.Sequence <= keys.UnkeyedEntries => entry.ComputeUnkeyedHash(),
        null => null,
        var id => keys.Find(id) is { } key ? entry.ComputeHash(key) : null,
    };
}
