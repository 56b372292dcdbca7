using System.Security.Cryptography;

namespace Moderation.Audit.Domain.Chain;

/// <summary>
/// The ECDSA P-256 key that signs checkpoints. Its public half is published so that an auditor can
/// check a checkpoint with nothing secret; a key loaded from a public PEM verifies and cannot sign.
/// <see cref="Id"/> is derived from the public key, so it names exactly one key.
/// </summary>
public sealed class CheckpointKey : IDisposable
{
    private readonly ECDsa _key;

    private CheckpointKey(ECDsa key, bool canSign)
    {
        if (key.KeySize != 256 || key.ExportParameters(false).Curve.Oid.Value != ECCurve.NamedCurves.nistP256.Oid.Value)
        {
            key.Dispose();
            throw new CryptographicException("A checkpoint key must be an ECDSA key on the P-256 curve.");
        }

        _key = key;
        CanSign = canSign;
        var publicKey = key.ExportSubjectPublicKeyInfo();
        PublicKeyPem = PemEncoding.WriteString("PUBLIC KEY", publicKey);
        Id = "ecdsa-p256-" + Convert.ToHexStringLower(SHA256.HashData(publicKey))[..16];
    }

    public string Id { get; }

    public string PublicKeyPem { get; }

    public bool CanSign { get; }

    public static CheckpointKey Generate() => new(ECDsa.Create(ECCurve.NamedCurves.nistP256), canSign: true);

    /// <summary>A private key (PKCS#8 or SEC 1 PEM) to sign with, or a public key (SPKI PEM) to verify with.</summary>
    public static CheckpointKey FromPem(string pem)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(pem);
        var key = ECDsa.Create();
        try
        {
            key.ImportFromPem(pem);
        }
        catch
        {
            key.Dispose();
            throw;
        }

        return new CheckpointKey(key, canSign: !pem.Contains("PUBLIC KEY", StringComparison.Ordinal));
    }

    public string ExportPrivateKeyPem() => CanSign
        ? PemEncoding.WriteString("PRIVATE KEY", _key.ExportPkcs8PrivateKey())
        : throw new InvalidOperationException("This checkpoint key holds only the public key.");

    public SignedCheckpoint Sign(ChainCheckpoint point, DateTimeOffset issuedAt)
    {
        ArgumentNullException.ThrowIfNull(point);
        if (!CanSign)
        {
            throw new InvalidOperationException("This checkpoint key holds only the public key.");
        }

        // Milliseconds, as signed: the checkpoint must verify after a round trip through JSON.
        var at = DateTimeOffset.FromUnixTimeMilliseconds(issuedAt.ToUnixTimeMilliseconds());
        var signature = _key.SignData(SignedCheckpoint.SignedText(point.Sequence, point.Hash, at, Id), HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
        return new SignedCheckpoint(point.Sequence, point.Hash, at, Id, Convert.ToBase64String(signature));
    }

    /// <summary>True only for a checkpoint this key signed, unchanged in any field.</summary>
    public bool IsSignatureValid(SignedCheckpoint checkpoint)
    {
        ArgumentNullException.ThrowIfNull(checkpoint);
        if (checkpoint.KeyId != Id)
        {
            return false;
        }

        var signature = new byte[64];
        return Convert.TryFromBase64String(checkpoint.Signature, signature, out var length)
            && length == signature.Length
            && _key.VerifyData(SignedCheckpoint.SignedText(checkpoint.Sequence, checkpoint.Hash, checkpoint.IssuedAt, checkpoint.KeyId),
                signature, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
    }

    public void Dispose() => _key.Dispose();
}
