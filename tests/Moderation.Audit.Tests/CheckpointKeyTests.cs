using System.Security.Cryptography;
using Moderation.Audit.Domain.Chain;

namespace Moderation.Audit.Tests;

public sealed class CheckpointKeyTests : IDisposable
{
    private static readonly DateTimeOffset IssuedAt = new(2026, 11, 25, 10, 0, 0, 123, TimeSpan.Zero);

    private readonly CheckpointKey _key = CheckpointKey.Generate();

    public void Dispose() => _key.Dispose();

    [Fact]
    public void A_checkpoint_verifies_with_the_published_public_key_alone()
    {
        var checkpoint = _key.Sign(new ChainCheckpoint(42, new string('a', 64)), IssuedAt.AddTicks(4567));
        using var published = CheckpointKey.FromPem(_key.PublicKeyPem);

        Assert.Equal(IssuedAt, checkpoint.IssuedAt);
        Assert.Equal(_key.Id, checkpoint.KeyId);
        Assert.Equal(_key.Id, published.Id);
        Assert.False(published.CanSign);
        Assert.True(published.IsSignatureValid(checkpoint));
        Assert.Throws<InvalidOperationException>(() => published.Sign(checkpoint.Point, IssuedAt));
    }

    [Fact]
    public void A_checkpoint_changed_in_any_field_or_signed_by_another_key_is_refused()
    {
        var checkpoint = _key.Sign(new ChainCheckpoint(42, new string('a', 64)), IssuedAt);
        using var other = CheckpointKey.Generate();
        var signature = Convert.FromBase64String(checkpoint.Signature);
        signature[10] ^= 1;

        Assert.False(_key.IsSignatureValid(checkpoint with { Sequence = 41 }));
        Assert.False(_key.IsSignatureValid(checkpoint with { Hash = new string('b', 64) }));
        Assert.False(_key.IsSignatureValid(checkpoint with { IssuedAt = IssuedAt.AddMilliseconds(1) }));
        Assert.False(_key.IsSignatureValid(checkpoint with { Signature = Convert.ToBase64String(signature) }));
        Assert.False(_key.IsSignatureValid(checkpoint with { Signature = "not base64" }));
        Assert.False(_key.IsSignatureValid(other.Sign(checkpoint.Point, IssuedAt)));
        Assert.False(other.IsSignatureValid(other.Sign(checkpoint.Point, IssuedAt) with { KeyId = _key.Id }));
    }

    [Fact]
    public void Only_a_p256_key_signs_checkpoints()
    {
        using var p384 = ECDsa.Create(ECCurve.NamedCurves.nistP384);
        Assert.Throws<CryptographicException>(() => CheckpointKey.FromPem(p384.ExportPkcs8PrivateKeyPem()));

        using var reloaded = CheckpointKey.FromPem(_key.ExportPrivateKeyPem());
        Assert.True(reloaded.CanSign);
        Assert.Equal(_key.Id, reloaded.Id);
    }
}
