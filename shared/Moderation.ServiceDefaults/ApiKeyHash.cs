using System.Security.Cryptography;
using System.Text;

namespace Moderation.ServiceDefaults;

public static class ApiKeyHash
{
    public const string Prefix = "sha256:";

    public static string Of(string key) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));

    /// <summary>The stored form of a configured key: its hash, whether it was given hashed or plain.</summary>
    public static byte[] StoredHash(string configuredKey) =>
        configuredKey.StartsWith(Prefix, StringComparison.Ordinal)
            ? Convert.FromHexString(configuredKey[Prefix.Length..])
            : SHA256.HashData(Encoding.UTF8.GetBytes(configuredKey));

    internal static bool IsValidHex(string hex) => hex.Length == 64 && hex.All(Uri.IsHexDigit);
}
