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
    /// The file at <paramref name="path"/>, created with new keys when there is none. Two processes
    /// starting at once on the same folder both end up with the one file that was moved in first.
    /// </summary>
    public static (AuditKeyFile File, bool Created) ReadOrCreate(string path)
    {
        if (File.Exists(path))
        {
            return (Read(path), false);
        }

        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        var generated = Generate();
        var temporary = $"{path}.{Guid.NewGuid():N}.tmp";
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        using (var stream = new FileStream(temporary, options))
        {
            JsonSerializer.Serialize(stream, generated, Json);
        }

        try
        {
            File.Move(temporary, path, overwrite: false);
            return (generated, true);
        }
        catch (IOException) when (File.Exists(path))
        {
            File.Delete(temporary);
            return (Read(path), false);
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
