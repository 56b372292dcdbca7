namespace Moderation.Client;

/// <summary>
/// The log's head as the Audit service vouched for it: entry <see cref="Sequence"/> (0 for an empty log)
/// carried <see cref="Hash"/> at <see cref="IssuedAt"/>. <see cref="Signature"/> is base64 of an
/// <see cref="Algorithm"/> (ECDSA P-256, SHA-256, IEEE P1363) signature by the checkpoint key
/// <see cref="KeyId"/>, whose public key <c>GET /api/v1/audit/checkpoint-key</c> serves. Kept outside
/// the service, it lets a later verify prove the log was neither cut nor rewritten up to it.
/// </summary>
public sealed record AuditCheckpoint(long Sequence, string Hash, string Signature, string KeyId, DateTimeOffset IssuedAt, string Algorithm);
