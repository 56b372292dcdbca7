using System.Globalization;
using System.Text;

namespace Moderation.Audit.Domain.Chain;

/// <summary>
/// The log's head as the service vouched for it at <see cref="IssuedAt"/>: entry
/// <see cref="Sequence"/> (0 for an empty log) carried <see cref="Hash"/>. <see cref="Signature"/> is
/// ECDSA P-256 with SHA-256 (IEEE P1363, base64) by the checkpoint key <see cref="KeyId"/>, over
/// <see cref="SignedText"/>.
/// </summary>
public sealed record SignedCheckpoint(long Sequence, string Hash, DateTimeOffset IssuedAt, string KeyId, string Signature)
{
    public const string Algorithm = "ES256";

    public ChainCheckpoint Point => new(Sequence, Hash);

    /// <summary>
    /// What is signed: a line per field, the time in Unix milliseconds, behind a label that keeps a
    /// signature over anything else from passing for a checkpoint's.
    /// </summary>
    public static byte[] SignedText(long sequence, string hash, DateTimeOffset issuedAt, string keyId) =>
        Encoding.UTF8.GetBytes(string.Join('\n',
            "moderation-audit-checkpoint/1",
            sequence.ToString(CultureInfo.InvariantCulture),
            hash,
            issuedAt.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture),
            keyId));
}
