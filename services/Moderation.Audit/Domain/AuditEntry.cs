using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Moderation.Audit.Domain;

/// <summary>
/// One link of the hash chain. <see cref="Hash"/> is SHA-256 over the previous entry's hash and
/// this entry's canonical form, so changing any stored entry breaks every hash from it onwards.
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
    string Hash)
{
    public static readonly string GenesisHash = new('0', 64);

    public static AuditEntry Chain(AuditDraft draft, long sequence, string previousHash)
    {
        ArgumentNullException.ThrowIfNull(draft);
        var data = new SortedDictionary<string, string?>(draft.Data.ToDictionary(d => d.Key, d => d.Value), StringComparer.Ordinal);
        var occurredAt = DateTimeOffset.FromUnixTimeMilliseconds(draft.OccurredAt.ToUnixTimeMilliseconds());
        var unhashed = new AuditEntry(sequence, draft.EventKey, draft.EventType, draft.SubmissionId, draft.Actor, occurredAt, data, previousHash, "");
        return unhashed with { Hash = unhashed.ComputeHash() };
    }

    /// <summary>
    /// The canonical form: a JSON array of the fields in a fixed order, data keys sorted, times in
    /// Unix milliseconds, so the same entry always hashes the same on every store and platform.
    /// </summary>
    public string ComputeHash()
    {
        var canonical = JsonSerializer.Serialize(new object?[]
        {
            Sequence,
            EventKey,
            EventType,
            SubmissionId.ToString("D"),
            Actor,
            OccurredAt.ToUnixTimeMilliseconds(),
            new SortedDictionary<string, string?>(Data.ToDictionary(d => d.Key, d => d.Value), StringComparer.Ordinal),
        });
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(PreviousHash + "\n" + canonical)));
    }
}
