using System.Net;
using System.Text.Json;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Moderation.Audit.Domain;
using Moderation.Audit.Domain.Chain;
using Moderation.Audit.Endpoints;
using Moderation.AuditVerifier;
using Moderation.Client;
using Moderation.Contracts;
using Moderation.Testing;
using Refit;

namespace Moderation.Audit.Tests;

/// <summary>Signed checkpoints, verify against one, and the offline verifier on the service's export.</summary>
public sealed class AuditCheckpointApiTests : IAsyncLifetime
{
    private readonly CheckpointKey _signer = CheckpointKey.Generate();
    private readonly string _folder = Directory.CreateTempSubdirectory("audit-checkpoints-").FullName;
    private ServiceHost _host = null!;
    private int _entries;

    public async Task InitializeAsync()
    {
        var configuration = new Dictionary<string, string?>(TestChainKeys.Configuration(TestChainKeys.First))
        {
            ["Audit:CheckpointSigningKey"] = _signer.ExportPrivateKeyPem(),
            ["Audit:KeyFile"] = Path.Combine(_folder, "never-written.json"),
        };
        _host = await ServiceHost.StartAsync("audit-checkpoint-test", configuration, b => b.AddAudit(), r => r.MapAudit());
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        _signer.Dispose();
        Directory.Delete(_folder, recursive: true);
    }

    private IAuditApi Api => _host.Client<IAuditApi>(TestKeys.Auditor);

    private async Task PublishAsync(int submissions)
    {
        var bus = _host.Services.GetRequiredService<IBus>();
        for (var i = 0; i < submissions; i++)
        {
            var id = Guid.NewGuid();
            await bus.Publish(new ArticleSubmitted(id, Guid.NewGuid(), "news.example", $"Title {i}", "Body", null, null, null, null, AuditLogContract.Now));
            await bus.Publish(new ContentClassified(id, ContentKind.Article, Verdict.Allow, new Dictionary<string, double>(), [], "m1", "p1", AuditLogContract.Now));
        }

        _entries += submissions * 2;
        await Eventually.GetAsync(() => Api.VerifyAsync(), v => v.Entries == _entries, what: $"{_entries} audit entries");
    }

    private async Task ExecuteAsync(string sql)
    {
        await using var connection = await _host.Store.Database.OpenAsync(CancellationToken.None);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        Assert.True(await command.ExecuteNonQueryAsync() > 0);
    }

    private async Task<(int ExitCode, string Output)> VerifyOfflineAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exitCode = await OfflineVerification.RunAsync(args, output, error, CancellationToken.None);
        return (exitCode, output.ToString() + error);
    }

    private async Task<string> SaveAsync(string name, string content)
    {
        var path = Path.Combine(_folder, name);
        await File.WriteAllTextAsync(path, content);
        return path;
    }

    [Fact]
    public async Task A_checkpoint_signs_the_head_with_the_published_key_and_a_cut_tail_fails_verify_against_it()
    {
        var empty = await Api.GetCheckpointAsync();
        Assert.Equal((0L, AuditEntry.GenesisHash, "ES256"), (empty.Sequence, empty.Hash, empty.Algorithm));
        await PublishAsync(3);

        var checkpoint = await Api.GetCheckpointAsync();
        var published = await Api.GetCheckpointKeyAsync();
        using var publicKey = CheckpointKey.FromPem(published.PublicKeyPem);

        Assert.Equal(6, checkpoint.Sequence);
        Assert.Equal((await Api.ListEntriesAsync(after: 5)).Entries.Single().Hash, checkpoint.Hash);
        Assert.Equal(_signer.Id, published.KeyId);
        Assert.True(publicKey.IsSignatureValid(checkpoint.ToCheckpoint()));
        Assert.Equal(new AuditVerification(true, 6, null), await Api.VerifyAgainstCheckpointAsync(checkpoint.Sequence, checkpoint.Hash));

        await ExecuteAsync("DELETE FROM audit_entries WHERE sequence > 4");

        Assert.Equal(new AuditVerification(true, 4, null), await Api.VerifyAsync());
        Assert.Equal(new AuditVerification(false, 4, 5), await Api.VerifyAgainstCheckpointAsync(checkpoint.Sequence, checkpoint.Hash));
    }

    [Fact]
    public async Task No_checkpoint_is_signed_over_a_broken_chain()
    {
        await PublishAsync(1);
        await ExecuteAsync("UPDATE audit_entries SET actor = 'forger' WHERE sequence = 1");

        var error = await Assert.ThrowsAnyAsync<ApiException>(() => Api.GetCheckpointAsync());
        Assert.Equal(HttpStatusCode.Conflict, error.StatusCode);
    }

    [Fact]
    public async Task The_offline_verifier_agrees_with_the_service_and_refuses_a_forged_checkpoint()
    {
        await PublishAsync(2);
        var checkpoint = await Api.GetCheckpointAsync();
        Assert.Equal(4, checkpoint.Sequence);
        var checkpointFile = await SaveAsync("checkpoint.json", JsonSerializer.Serialize(checkpoint, ModerationJson.Options));
        var publicKeyFile = await SaveAsync("checkpoint-key.pem", (await Api.GetCheckpointKeyAsync()).PublicKeyPem);
        var chainKey = $"{TestChainKeys.First.Id}={Convert.ToBase64String(TestChainKeys.First.Secret)}";
        await PublishAsync(1);

        var intact = await SaveAsync("intact.ndjson", await Api.ExportNdjsonAsync());
        var (exitCode, output) = await VerifyOfflineAsync("--log", intact, "--checkpoint", checkpointFile, "--public-key", publicKeyFile, "--chain-key", chainKey);
        Assert.True(exitCode == OfflineVerification.Holds, output);
        Assert.StartsWith("ok: 6 entries verified; checkpoints at 4 hold.", output, StringComparison.Ordinal);

        var forged = checkpoint with { Sequence = 6, Hash = (await Api.ListEntriesAsync(after: 5)).Entries.Single().Hash };
        var forgedFile = await SaveAsync("forged.json", JsonSerializer.Serialize(forged, ModerationJson.Options));
        (exitCode, output) = await VerifyOfflineAsync("--log", intact, "--checkpoint", forgedFile, "--public-key", publicKeyFile, "--chain-key", chainKey);
        Assert.Equal(OfflineVerification.Broken, exitCode);
        Assert.StartsWith("refused: the signature of checkpoint", output, StringComparison.Ordinal);

        await ExecuteAsync("UPDATE audit_entries SET data = replace(data, '\"allow\"', '\"block\"') WHERE sequence = 4");
        var tampered = await SaveAsync("tampered.ndjson", await Api.ExportNdjsonAsync());
        Assert.Equal(new AuditVerification(false, 4, 4), await Api.VerifyAsync());
        (exitCode, output) = await VerifyOfflineAsync("--log", tampered, "--checkpoint", checkpointFile, "--public-key", publicKeyFile, "--chain-key", chainKey);
        Assert.Equal(OfflineVerification.Broken, exitCode);
        Assert.StartsWith("broken: first broken sequence 4 ", output, StringComparison.Ordinal);

        var cut = await SaveAsync("cut.ndjson", string.Join('\n', (await File.ReadAllLinesAsync(intact)).Take(3)));
        (exitCode, output) = await VerifyOfflineAsync("--log", cut, "--checkpoint", checkpointFile, "--public-key", publicKeyFile, "--chain-key", chainKey);
        Assert.Equal(OfflineVerification.Broken, exitCode);
        Assert.StartsWith("broken: first broken sequence 4 ", output, StringComparison.Ordinal);

        (exitCode, _) = await VerifyOfflineAsync("--log", intact, "--checkpoint", checkpointFile, "--chain-key", chainKey);
        Assert.Equal(OfflineVerification.Usage, exitCode);
    }

    [Theory]
    [InlineData("/api/v1/audit/verify?sequence=3", "hash")]
    [InlineData("/api/v1/audit/verify?hash=0000000000000000000000000000000000000000000000000000000000000000", "sequence")]
    [InlineData("/api/v1/audit/verify?sequence=3&hash=ABC", "hash")]
    [InlineData("/api/v1/audit/verify?sequence=-1&hash=0000000000000000000000000000000000000000000000000000000000000000", "sequence")]
    public Task A_checkpoint_given_wrongly_is_a_400_naming_the_field(string path, string field) =>
        BadRequests.AssertNamesFieldAsync(_host, path, field);
}
