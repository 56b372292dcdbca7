namespace Moderation.Audit.Domain;

/// <summary>Walks the chain from the first entry and names the first one that does not hold.</summary>
public static class AuditChainVerifier
{
    public static async Task<ChainVerification> VerifyAsync(IAsyncEnumerable<AuditEntry> entries, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entries);
        var expectedSequence = 1L;
        var previousHash = AuditEntry.GenesisHash;
        long count = 0;
        await foreach (var entry in entries.WithCancellation(cancellationToken))
        {
            count++;
            if (entry.Sequence != expectedSequence || entry.PreviousHash != previousHash || entry.ComputeHash() != entry.Hash)
            {
                return new ChainVerification(false, count, Math.Min(entry.Sequence, expectedSequence));
            }

            previousHash = entry.Hash;
            expectedSequence++;
        }

        return new ChainVerification(true, count, null);
    }
}
