namespace Moderation.Audit.Domain.Chain;

/// <summary>A secret that chains audit entries (HMAC-SHA256), named by the id each entry records.</summary>
public sealed record ChainKey(string Id, byte[] Secret)
{
    /// <summary>HMAC-SHA256 takes any length; below the hash's own 32 bytes a key is weaker than the hash.</summary>
    public const int MinSecretBytes = 32;
}
