using System.Security.Cryptography;
using System.Text.Json;
using Moderation.Audit.Domain.Chain;

namespace Moderation.Audit.Keys;

/// <summary>
/// The keys generated on a first start without configured ones, as a JSON file beside the data (the
/// embedded default and a fresh clone need nothing configured). It is written once, readable by its
/// owner only, and never rewritten: a lost or replaced file leaves the entries its key chained
/// unverifiable, so it is backed up with the data. The same format gives the offline verifier its keys.
/// </summary>
public sealed class AuditKeyFile
{
    public const int CurrentVersion = 1;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    private static readonly TimeSpan CompletionWait = TimeSpan.FromSeconds(5);

    public int Version { get; init; } = CurrentVersion;

    public ChainKeyOptions[] ChainKeys { get; init; } = [];

    public string? ActiveChainKey { get; init; }

    public string? CheckpointSigningKey { get; init; }

    public IReadOnlyList<ChainKey> ReadChainKeys(string path) =>
    [
        .. ChainKeys.Select(k => k.Id is not null && AuditOptions.DecodeSecret(k.Secret) is { } secret
            ? new ChainKey(k.Id, secret)
            : throw new InvalidDataException($"{path}: every chain key needs an id and a base64 secret of at least {ChainKey.MinSecretBytes} bytes.")),
    ];

    public static AuditKeyFile Read(string path)
    {
        var file = JsonSerializer.Deserialize<AuditKeyFile>(File.ReadAllText(path), Json)
            ?? throw new InvalidDataException($"{path} holds no audit keys.");
        return file.Version == CurrentVersion
            ? file
            : throw new InvalidDataException($"{path} is an audit key file of version {file.Version}; this build reads version {CurrentVersion}.");
    }

    /// <summary>
    /// The file at <paramref name="path"/>, created with new keys when there is none. Processes starting
    /// at once on the same folder all end up with the one file whose exclusive create won. The file is
    /// claimed with an exclusive create rather than moved into place, because without hard links (some
    /// container and network file systems) .NET's no-overwrite move is a check then a rename, and two
    /// starts could each rename their own keys in. A start that loses the race reads the winner's file
    /// once it is complete.
    /// </summary>
    public static (AuditKeyFile File, bool Created) ReadOrCreate(string path)
    {
        if (File.Exists(path))
        {
            return (ReadOnceComplete(path), false);
        }

        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        var generated = Generate();
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.None };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        try
        {
            using var stream = new FileStream(path, options);
            JsonSerializer.Serialize(stream, generated, Json);
            stream.Flush(flushToDisk: true);
            return (generated, true);
        }
        catch (IOException) when (File.Exists(path))
        {
            return (ReadOnceComplete(path), false);
        }
    }

    /// <summary>
    /// Reads a file another start may still be writing: a lock or an incomplete document is retried for
    /// a few seconds, so a half-written file left by a crash still fails the start with its reason.
    /// </summary>
    private static AuditKeyFile ReadOnceComplete(string path)
    {
        var deadline = DateTime.UtcNow + CompletionWait;
        while (true)
        {
            try
            {
                return Read(path);
            }
            catch (Exception e) when (e is IOException or JsonException && DateTime.UtcNow < deadline)
            {
                Thread.Sleep(TimeSpan.FromMilliseconds(20));
            }
            catch (JsonException e)
            {
                throw new InvalidDataException($"{path} is not a complete audit key file ({e.Message}). If a first start stopped while writing it and nothing was chained yet, delete it; otherwise restore it from the backup.", e);
            }
        }
    }

    private static AuditKeyFile Generate()
    {
        var id = "generated-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4));
        using var checkpointKey = CheckpointKey.Generate();
        return new AuditKeyFile
        {
            ChainKeys = [new ChainKeyOptions { Id = id, Secret = Convert.ToBase64String(RandomNumberGenerator.GetBytes(ChainKey.MinSecretBytes)) }],
            ActiveChainKey = id,
            CheckpointSigningKey = checkpointKey.ExportPrivateKeyPem(),
        };
    }
}
