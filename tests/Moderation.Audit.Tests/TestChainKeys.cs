using Moderation.Audit.Domain.Chain;

namespace Moderation.Audit.Tests;

/// <summary>Fixed chain keys, so a test can chain, rotate and verify as the service would.</summary>
internal static class TestChainKeys
{
    public static readonly ChainKey First = new("test-1", [.. Enumerable.Range(1, 32).Select(i => (byte)i)]);

    public static readonly ChainKey Second = new("test-2", [.. Enumerable.Range(101, 32).Select(i => (byte)i)]);

    /// <summary>The log's keys before a rotation: <see cref="First"/> only.</summary>
    public static readonly ChainKeyRing Ring = new([First], First.Id);

    /// <summary>After the rotation: new entries chained with <see cref="Second"/>, <see cref="First"/> kept to verify the older ones.</summary>
    public static readonly ChainKeyRing Rotated = new([First, Second], Second.Id);

    public static IReadOnlyDictionary<string, string?> Configuration(params ChainKey[] keys)
    {
        var configuration = new Dictionary<string, string?>();
        for (var i = 0; i < keys.Length; i++)
        {
            configuration[$"Audit:ChainKeys:{i}:Id"] = keys[i].Id;
            configuration[$"Audit:ChainKeys:{i}:Secret"] = Convert.ToBase64String(keys[i].Secret);
        }

        configuration["Audit:ActiveChainKey"] = keys[^1].Id;
        return configuration;
    }
}
