using Moderation.Audit.Domain.Chain;

namespace Moderation.Audit.Keys;

/// <summary>
/// The process's chain keys and checkpoint key: configuration first; what it leaves out comes from
/// the generated <see cref="AuditKeyFile"/>, whose chain keys also stay available for verification
/// once configured keys take over.
/// </summary>
public sealed partial class AuditKeys : IDisposable
{
    private AuditKeys(ChainKeyRing chain, CheckpointKey checkpoint, string description)
    {
        Chain = chain;
        Checkpoint = checkpoint;
        Description = description;
    }

    public ChainKeyRing Chain { get; }

    public CheckpointKey Checkpoint { get; }

    /// <summary>Where each key comes from, for the start-up banner.</summary>
    public string Description { get; }

    public static AuditKeys Load(AuditOptions options, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        var configured = options.ConfiguredChainKeys();
        AuditKeyFile? file = null;
        if (configured is null || options.CheckpointSigningKey is null)
        {
            (file, var created) = AuditKeyFile.ReadOrCreate(options.KeyFile);
            if (created)
            {
                LogGenerated(logger, Path.GetFullPath(options.KeyFile));
            }
        }
        else if (File.Exists(options.KeyFile))
        {
            file = AuditKeyFile.Read(options.KeyFile);
        }

        var fileKeys = file?.ReadChainKeys(options.KeyFile) ?? [];
        var chain = configured is { } c
            ? new ChainKeyRing([.. c.Keys, .. fileKeys], c.ActiveId, options.UnkeyedEntries)
            : new ChainKeyRing(fileKeys, file!.ActiveChainKey ?? throw new InvalidDataException($"{options.KeyFile} names no active chain key."), options.UnkeyedEntries);
        var checkpoint = CheckpointKey.FromPem(options.CheckpointSigningKey ?? file!.CheckpointSigningKey
            ?? throw new InvalidDataException($"{options.KeyFile} holds no checkpoint signing key."));
        var chainSource = configured is null ? options.KeyFile : "Audit:ChainKeys";
        var checkpointSource = options.CheckpointSigningKey is null ? options.KeyFile : "Audit:CheckpointSigningKey";
        return new AuditKeys(chain, checkpoint,
            $"audit keys: entries chained with {chain.Active.Id} (from {chainSource}; {chain.KeyIds.Count} key(s) to verify with), checkpoints signed by {checkpoint.Id} (from {checkpointSource})");
    }

    public void Dispose() => Checkpoint.Dispose();

    [LoggerMessage(Level = LogLevel.Warning, Message =
        "No audit keys were configured: a chain key and a checkpoint signing key were generated into {KeyFile}. " +
        "Back that file up with the data (the entries its key chains cannot be verified without it), and in production " +
        "give Audit:ChainKeys and Audit:CheckpointSigningKey from a secret store instead: whoever can read that file can forge the chain.")]
    private static partial void LogGenerated(ILogger logger, string keyFile);
}
