namespace Moderation.Client;

/// <summary>The public key that checks checkpoint signatures, in PEM (SubjectPublicKeyInfo).</summary>
public sealed record AuditCheckpointKey(string KeyId, string Algorithm, string PublicKeyPem);
