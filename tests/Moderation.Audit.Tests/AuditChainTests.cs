using Moderation.Audit.Domain;
using Moderation.Audit.Domain.Chain;

namespace Moderation.Audit.Tests;

public class AuditChainTests
{
    private static List<AuditEntry> Chain(int count)
    {
        var entries = new List<AuditEntry>();
        var previous = AuditEntry.GenesisHash;
        for (var i = 1; i <= count; i++)
        {
            var entry = AuditEntry.Chain(AuditLogContract.Draft($"e{i}"), i, previous, TestChainKeys.First);
            entries.Add(entry);
            previous = entry.Hash;
        }

        return entries;
    }

    private static Task<ChainVerification> Verify(IEnumerable<AuditEntry> entries) =>
        AuditChainVerifier.VerifyAsync(entries.ToAsyncEnumerable(), TestChainKeys.Ring, CancellationToken.None);

    [Fact]
    public void The_hash_is_the_same_whatever_the_order_of_the_data_keys()
    {
        var submission = Guid.NewGuid();
        var one = AuditEntry.Chain(new AuditDraft("k", "T", submission, "a", AuditLogContract.Now, new Dictionary<string, string?> { ["x"] = "1", ["y"] = "2" }), 1, AuditEntry.GenesisHash, TestChainKeys.First);
        var two = AuditEntry.Chain(new AuditDraft("k", "T", submission, "a", AuditLogContract.Now, new Dictionary<string, string?> { ["y"] = "2", ["x"] = "1" }), 1, AuditEntry.GenesisHash, TestChainKeys.First);
        Assert.Equal(one.Hash, two.Hash);
        Assert.Equal(64, one.Hash.Length);
    }

    [Fact]
    public async Task An_intact_chain_verifies()
    {
        Assert.Equal(new ChainVerification(true, 4, null), await Verify(Chain(4)));
    }

    [Fact]
    public async Task A_changed_field_a_missing_entry_or_a_relinked_entry_is_named()
    {
        var changed = Chain(4);
        changed[1] = changed[1] with { Data = new Dictionary<string, string?> { ["b"] = "forged" } };
        Assert.Equal(2, (await Verify(changed)).FirstBrokenSequence);

        var missing = Chain(4);
        missing.RemoveAt(2);
        Assert.Equal(3, (await Verify(missing)).FirstBrokenSequence);

        var rehashed = Chain(4);
        rehashed[1] = rehashed[1] with { Actor = "forger" };
        rehashed[1] = rehashed[1] with { Hash = rehashed[1].ComputeHash(TestChainKeys.First) };
        Assert.Equal(3, (await Verify(rehashed)).FirstBrokenSequence);
    }
}
