using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Moderation.Audit.Domain.Chain;

namespace Moderation.Audit.Domain;

/// <summary>
/// One link of the chain. <see cref="Hash"/> is HMAC-SHA256, under the chain key named by
/// <see cref="KeyId"/>, over the previous entry's hash and this entry's canonical form: changing any
/// stored entry breaks every hash from it onwards, and only a holder of the key can compute new ones,
/// so whoever can write the store cannot rewrite the chain consistently. An entry without a key id
/// was chained with unkeyed SHA-256 before keys existed.
/// </summary>
public sealed record AuditEntry(
    long Sequence,
    string EventKey,
    string EventType,
    Guid SubmissionId,
    string Actor,
    DateTimeOffset OccurredAt,
    IReadOnlyDictionary<string, string?> Data,
    string PreviousHash,
    string Hash,
    string? KeyId)
{
    public static readonly string GenesisHash = new('0', 64);

    public static AuditEntry Chain(AuditDraft draft, long sequence, string previousHash, ChainKey key)
    {
        ArgumentNullException.ThrowIfNull(draft);
        ArgumentNullException.ThrowIfNull(key);
        var data = new SortedDictionary<string, string?>(draft.Data.ToDictionary(d => d.Key, d => d.Value), StringComparer.Ordinal);
        var occurredAt = DateTimeOffset.FromUnixTimeMilliseconds(draft.OccurredAt.ToUnixTimeMilliseconds());
        var unhashed = new AuditEntry(sequence, draft.EventKey, draft.EventType, draft.SubmissionId, draft.Actor, occurredAt, data, previousHash, "", key.Id);
        return unhashed with { Hash = unhashed.ComputeHash(key) };
    }

    /// <summary>The keyed hash: the key's id is part of what it covers, so an entry cannot be passed off as another key's.</summary>
    public string ComputeHash(ChainKey key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return Convert.ToHexStringLower(HMACSHA256.HashData(key.Secret, Encoding.UTF8.GetBytes(PreviousHash + "\n" + Canonical(key.Id))));
    }

    /// <summary>The hash of an entry chained before keys existed (<see cref="KeyId"/> null).</summary>
    public string ComputeUnkeyedHash() =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(PreviousHash + "\n" + Canonical(null))));

    /// <summary>
    /// A JSON array of the fields in a fixed order, data keys sorted, times in Unix milliseconds, so
    /// the same entry always hashes the same on every store and platform.
    /// </summary>
    private string Canonical(string? keyId)
    {
        var fields = new List<object?>
        {
            Sequence,
            EventKey,
            EventType,
            SubmissionId.ToString("D"),
            Actor,
            OccurredAt.ToUnixTimeMilliseconds(),
            new SortedDictionary<string, string?>(Data.ToDictionary(d => d.Key, d => d.Value), StringComparer.Ordinal),
        };
        if (keyId is not null)
        {
            fields.Add(keyId);
        }

        return JsonSerializer.Serialize(fields);
    }
}
