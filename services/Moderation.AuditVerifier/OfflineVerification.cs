using System.Security.Cryptography;
using System.Text.Json;
using Moderation.Audit;
using Moderation.Audit.Domain;
using Moderation.Audit.Domain.Chain;
using Moderation.Audit.Endpoints;
using Moderation.Audit.Keys;
using Moderation.Client;
using Moderation.Contracts;

namespace Moderation.AuditVerifier;

/// <summary>
/// Verifies an exported audit log away from the service, by the same code the service verifies with:
/// every entry against the chain keys, each checkpoint's signature against the published public key,
/// and that the log still reaches each checkpoint's entry with its hash. Exit code 0 when all holds,
/// 1 with the first broken sequence (or the refused checkpoint) when not, 2 when it was asked wrongly.
/// </summary>
public static class OfflineVerification
{
    public const int Holds = 0;
    public const int Broken = 1;
    public const int Usage = 2;

    private const string UsageText = """
        Verifies an audit log exported from GET /api/v1/audit/export.ndjson.

          moderation-audit-verify --log FILE [--checkpoint FILE]... [--public-key FILE]
                                  (--key-file FILE | --chain-key ID=BASE64)... [--unkeyed-entries N]

          --log FILE          the exported log (NDJSON, one entry per line)
          --checkpoint FILE   a checkpoint saved from GET /api/v1/audit/checkpoint; may be repeated
          --public-key FILE   the checkpoint key's public PEM (GET /api/v1/audit/checkpoint-key);
                              needed with --checkpoint unless --key-file holds the signing key
          --key-file FILE     an audit key file (the generated data/audit-keys.json, or one of the same form)
          --chain-key ID=B64  a chain key as configured (Audit:ChainKeys:N:Id and :Secret); may be repeated
          --unkeyed-entries N as Audit:UnkeyedEntries: the first N entries of a log begun before chain keys
        """;

    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        Request request;
        CheckpointKey? publicKey;
        try
        {
            request = Request.Parse(args);
            publicKey = request.PublicKeyPem is null ? null : CheckpointKey.FromPem(request.PublicKeyPem);
        }
        catch (Exception ex) when (ex is ArgumentException or JsonException or InvalidDataException or IOException or CryptographicException)
        {
            await error.WriteLineAsync($"{ex.Message}{Environment.NewLine}{Environment.NewLine}{UsageText}");
            return Usage;
        }

        using var checkpointKey = publicKey;
        foreach (var (file, checkpoint) in request.Checkpoints)
        {
            if (publicKey is null || !publicKey.IsSignatureValid(checkpoint))
            {
                await output.WriteLineAsync($"refused: the signature of checkpoint {file} (sequence {checkpoint.Sequence}) does not verify with checkpoint key {publicKey?.Id}.");
                return Broken;
            }
        }

        List<AuditEntry> entries;
        try
        {
            entries = await ReadLogAsync(request.LogFile, cancellationToken);
        }
        catch (InvalidDataException ex)
        {
            await output.WriteLineAsync($"broken: {request.LogFile} is not an exported audit log ({ex.Message}).");
            return Broken;
        }

        var results = new List<ChainVerification>();
        foreach (var checkpoint in request.Checkpoints.Select(c => c.Checkpoint.Point).DefaultIfEmpty())
        {
            results.Add(await AuditChainVerifier.VerifyAsync(entries.ToAsyncEnumerable(), request.ChainKeys, checkpoint, cancellationToken));
        }

        var broken = results.Where(r => !r.Ok).MinBy(r => r.FirstBrokenSequence);
        if (broken is not null)
        {
            await output.WriteLineAsync($"broken: first broken sequence {broken.FirstBrokenSequence} ({entries.Count} entries read from {request.LogFile}).");
            return Broken;
        }

        var held = request.Checkpoints.Count == 0 ? "" : $"; checkpoints at {string.Join(", ", request.Checkpoints.Select(c => c.Checkpoint.Sequence))} hold";
        await output.WriteLineAsync($"ok: {entries.Count} entries verified{held}.");
        return Holds;
    }

    private static async Task<List<AuditEntry>> ReadLogAsync(string path, CancellationToken cancellationToken)
    {
        var entries = new List<AuditEntry>();
        var number = 0;
        await foreach (var line in File.ReadLinesAsync(path, cancellationToken))
        {
            number++;
            if (!string.IsNullOrWhiteSpace(line))
            {
                try
                {
                    entries.Add((JsonSerializer.Deserialize<AuditExportedEntry>(line, ModerationJson.Options)
                        ?? throw new InvalidDataException($"line {number} holds no entry")).ToEntry());
                }
                catch (JsonException ex)
                {
                    throw new InvalidDataException($"line {number}: {ex.Message}", ex);
                }
            }
        }

        return entries;
    }

    /// <summary>What the command line asks for, read and loaded; a wrong argument is an <see cref="ArgumentException"/> that says which.</summary>
    private sealed record Request(string LogFile, IReadOnlyList<(string File, SignedCheckpoint Checkpoint)> Checkpoints, string? PublicKeyPem, ChainKeyRing ChainKeys)
    {
        public static Request Parse(string[] args)
        {
            string? log = null;
            string? publicKeyPem = null;
            var checkpoints = new List<(string, SignedCheckpoint)>();
            var keys = new List<ChainKey>();
            long unkeyedEntries = 0;
            for (var i = 0; i < args.Length; i++)
            {
                var value = i + 1 < args.Length ? args[i + 1] : throw new ArgumentException($"{args[i]} needs a value.");
                switch (args[i++])
                {
                    case "--log":
                        log = Existing(value);
                        break;
                    case "--checkpoint":
                        checkpoints.Add((value, JsonSerializer.Deserialize<AuditCheckpoint>(File.ReadAllText(Existing(value)), ModerationJson.Options)?.ToCheckpoint()
                            ?? throw new ArgumentException($"{value} holds no checkpoint.")));
                        break;
                    case "--public-key":
                        publicKeyPem = File.ReadAllText(Existing(value));
                        break;
                    case "--key-file":
                        var file = AuditKeyFile.Read(Existing(value));
                        keys.AddRange(file.ReadChainKeys(value));
                        if (file.CheckpointSigningKey is { } signingKey)
                        {
                            using var key = CheckpointKey.FromPem(signingKey);
                            publicKeyPem ??= key.PublicKeyPem;
                        }

                        break;
                    case "--chain-key":
                        var parts = value.Split('=', 2);
                        keys.Add(parts.Length == 2 && AuditOptions.DecodeSecret(parts[1]) is { } secret
                            ? new ChainKey(parts[0], secret)
                            : throw new ArgumentException($"--chain-key takes ID=BASE64 with at least {ChainKey.MinSecretBytes} bytes of secret."));
                        break;
                    case "--unkeyed-entries":
                        unkeyedEntries = long.TryParse(value, out var count) && count >= 0 ? count : throw new ArgumentException("--unkeyed-entries takes a count of 0 or more.");
                        break;
                    default:
                        throw new ArgumentException($"Unknown argument {args[i - 1]}.");
                }
            }

            if (log is null)
            {
                throw new ArgumentException("--log is required.");
            }

            if (keys.Count == 0)
            {
                throw new ArgumentException("The chain keys are required: --key-file or --chain-key.");
            }

            if (checkpoints.Count > 0 && publicKeyPem is null)
            {
                throw new ArgumentException("A checkpoint is checked against the checkpoint key: give --public-key.");
            }

            return new Request(log, checkpoints, publicKeyPem, new ChainKeyRing(keys, keys[0].Id, unkeyedEntries));
        }

        private static string Existing(string path) => File.Exists(path) ? path : throw new ArgumentException($"{path} does not exist.");
    }
}
