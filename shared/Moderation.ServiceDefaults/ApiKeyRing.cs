using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace Moderation.ServiceDefaults;

/// <summary>Keys as they are held in memory: hashed, so a heap dump shows no secret either.</summary>
public sealed class ApiKeyRing
{
    private readonly List<(byte[] Hash, ApiKeyHolder Holder)> _keys;

    public ApiKeyRing(IOptions<AuthOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _keys = options.Value.ApiKeys
            .Select(k => (ApiKeyHash.StoredHash(k.Key), new ApiKeyHolder(k.Name, k.Roles.ToArray(), string.IsNullOrWhiteSpace(k.Publisher) ? null : k.Publisher)))
            .ToList();
    }

    public IEnumerable<ApiKeyHolder> Holders => _keys.Select(k => k.Holder);

    public ApiKeyHolder? Find(string presentedKey)
    {
        var presented = SHA256.HashData(Encoding.UTF8.GetBytes(presentedKey));
        ApiKeyHolder? match = null;
        foreach (var key in _keys)
        {
            // Compare against every key so the time taken does not reveal which one matched.
            if (CryptographicOperations.FixedTimeEquals(key.Hash, presented))
            {
                match = key.Holder;
            }
        }

        return match;
    }
}
