using Microsoft.Extensions.Logging.Abstractions;
using Moderation.Audit.Domain.Chain;
using Moderation.Audit.Keys;

namespace Moderation.Audit.Tests;

public sealed class AuditKeysTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("audit-keys-").FullName;

    private string KeyFile => Path.Combine(_folder, "data", "audit-keys.json");

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void Without_configured_keys_the_first_start_generates_them_into_the_key_file_and_later_starts_read_the_same()
    {
        using var first = AuditKeys.Load(new AuditOptions { KeyFile = KeyFile }, NullLogger.Instance);
        using var second = AuditKeys.Load(new AuditOptions { KeyFile = KeyFile }, NullLogger.Instance);

        Assert.True(File.Exists(KeyFile));
        Assert.StartsWith("generated-", first.Chain.Active.Id, StringComparison.Ordinal);
        Assert.Equal(first.Chain.Active.Secret, second.Chain.Active.Secret);
        Assert.Equal(first.Checkpoint.Id, second.Checkpoint.Id);
        Assert.True(first.Checkpoint.CanSign);
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(KeyFile));
        }
    }

    [Fact]
    public void Starts_racing_on_a_fresh_folder_all_get_the_one_key_file()
    {
        var loaded = Enumerable.Range(0, 8).AsParallel().Select(_ => AuditKeys.Load(new AuditOptions { KeyFile = KeyFile }, NullLogger.Instance)).ToList();

        Assert.Single(loaded.Select(k => k.Chain.Active.Id).Distinct());
        Assert.Single(Directory.GetFiles(Path.GetDirectoryName(KeyFile)!));
        loaded.ForEach(k => k.Dispose());
    }

    [Fact]
    public void A_key_file_left_half_written_fails_the_start_naming_the_file_and_what_to_do()
    {
        Directory.CreateDirectory(Path.GetDirectoryName(KeyFile)!);
        File.WriteAllText(KeyFile, "{\"version\": 1, \"chainKeys\": [");

        var error = Assert.Throws<InvalidDataException>(() => AuditKeys.Load(new AuditOptions { KeyFile = KeyFile }, NullLogger.Instance));

        Assert.Contains(KeyFile, error.Message, StringComparison.Ordinal);
        Assert.Contains("not a complete audit key file", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Configured_keys_take_over_and_the_generated_one_stays_to_verify_what_it_chained()
    {
        using var generated = AuditKeys.Load(new AuditOptions { KeyFile = KeyFile }, NullLogger.Instance);
        using var signer = CheckpointKey.Generate();
        var options = new AuditOptions
        {
            KeyFile = KeyFile,
            ChainKeys = [new ChainKeyOptions { Id = TestChainKeys.First.Id, Secret = Convert.ToBase64String(TestChainKeys.First.Secret) }],
            CheckpointSigningKey = signer.ExportPrivateKeyPem(),
        };

        using var configured = AuditKeys.Load(options, NullLogger.Instance);

        Assert.Equal(TestChainKeys.First.Id, configured.Chain.Active.Id);
        Assert.Equal(generated.Chain.Active.Secret, configured.Chain.Find(generated.Chain.Active.Id)!.Secret);
        Assert.Equal(signer.Id, configured.Checkpoint.Id);
    }
}
