namespace Moderation.Audit.Domain.Chain;

/// <summary>
/// Every chain key the log has used, by id, and the one new entries are chained with. A rotated-out
/// key stays here: the entries it chained are verified with it for as long as the log exists.
/// </summary>
public sealed class ChainKeyRing
{
    private readonly Dictionary<string, ChainKey> _keys;

    public ChainKeyRing(IEnumerable<ChainKey> keys, string activeKeyId, long unkeyedEntries = 0)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(unkeyedEntries);
        UnkeyedEntries = unkeyedEntries;
        ArgumentNullException.ThrowIfNull(keys);
        _keys = [];
        foreach (var key in keys)
        {
            if (_keys.TryGetValue(key.Id, out var known) && !known.Secret.AsSpan().SequenceEqual(key.Secret))
            {
                throw new ArgumentException($"Two different chain keys are named '{key.Id}'.", nameof(keys));
            }

            _keys[key.Id] = key;
        }

        Active = _keys.TryGetValue(activeKeyId, out var active)
            ? active
            : throw new ArgumentException($"The active chain key '{activeKeyId}' is not among the keys.", nameof(activeKeyId));
    }

    public ChainKey Active { get; }

    /// <summary>
    /// How many first entries of a log begun before chain keys existed verify with unkeyed SHA-256.
    /// Zero for a log begun with keys: any unkeyed entry is then a forgery's way round the key.
    /// </summary>
    public long UnkeyedEntries { get; }

    public IReadOnlyCollection<string> KeyIds => _keys.Keys;

    public ChainKey? Find(string keyId) => _keys.GetValueOrDefault(keyId);
}
