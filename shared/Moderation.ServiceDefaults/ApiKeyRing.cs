using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Moderation.ServiceDefaults;

/// <summary>Keys as they are held in memory: hashed, so a heap dump shows no secret either.</summary>
public sealed class ApiKeyRing
{
    private readonly List<(byte[] Hash, string Name, IReadOnlyList<string> Roles)> _keys;

    public ApiKeyRing(IOptions<AuthOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _keys = options.Value.ApiKeys
            .Select(k => (ApiKeyHash.StoredHash(k.Key), k.Name, (IReadOnlyList<string>)k.Roles.ToArray()))
            .ToList();
    }

    public IEnumerable<(string Name, IReadOnlyList<string> Roles)> Keys => _keys.Select(k => (k.Name, k.Roles));

    public (string Name, IReadOnlyList<string> Roles)? Find(string presentedKey)
    {
        var presented = SHA256.HashData(Encoding.UTF8.GetBytes(presentedKey));
        (string, IReadOnlyList<string>)? match = null;
        foreach (var key in _keys)
        {
            // Compare against every key so the time taken does not reveal which one matched.
            if (CryptographicOperations.FixedTimeEquals(key.Hash, presented))
            {
                match = (key.Name, key.Roles);
            }
        }

        return match;
    }
}
