using System.ComponentModel.DataAnnotations;
using System.Security.Cryptography;
using System.Text.RegularExpressions;
using Moderation.Audit.Domain.Chain;

namespace Moderation.Audit;

public sealed partial class AuditOptions : IValidatableObject
{
    public const string Section = "Audit";

    /// <summary>How long an item may wait in the review queue before the dashboard counts it past its SLA.</summary>
    [Range(typeof(TimeSpan), "00:01:00", "30.00:00:00")]
    public TimeSpan ReviewSla { get; set; } = TimeSpan.FromHours(4);

    /// <summary>The longest period one overview or CSV export may span.</summary>
    [Range(typeof(TimeSpan), "01:00:00", "400.00:00:00")]
    public TimeSpan MaxPeriod { get; set; } = TimeSpan.FromDays(92);

    /// <summary>
    /// The queues whose error queues (<c>&lt;queue&gt;_error</c>) the dashboard counts on a RabbitMQ bus.
    /// Unset, they are <see cref="DefaultWatchedQueues"/>, the pipeline's four; a list in configuration
    /// replaces them (the configuration binder would append to an initialised array).
    /// </summary>
    [MaxLength(50)]
    public string[]? WatchedQueues { get; set; }

    /// <summary>The queues of the four services, named as each service names its own.</summary>
    public static IReadOnlyList<string> DefaultWatchedQueues { get; } = ["ingestion", "classification", "review", "audit"];

    /// <summary>How long the overview waits for the broker's error-queue counts before it answers without them.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:01:00")]
    public TimeSpan ErrorQueueCountTimeout { get; set; } = TimeSpan.FromSeconds(5);

    public IReadOnlyList<string> QueuesToWatch => WatchedQueues ?? [.. DefaultWatchedQueues];

    /// <summary>
    /// The keys that chain entries (HMAC-SHA256), each with an id that every entry it chains records.
    /// A key rotated out stays listed, so the entries it chained still verify. Unset, a key is
    /// generated into <see cref="KeyFile"/> on first start.
    /// </summary>
    [MaxLength(100)]
    public ChainKeyOptions[]? ChainKeys { get; set; }

    /// <summary>The id of the key new entries are chained with; may be left out when one key is listed.</summary>
    public string? ActiveChainKey { get; set; }

    /// <summary>
    /// For a log begun before chain keys existed: how many of its first entries were chained with
    /// unkeyed SHA-256 and still verify. Left at 0, every entry must carry a chain key's hash.
    /// </summary>
    [Range(0, long.MaxValue)]
    public long UnkeyedEntries { get; set; }

    /// <summary>
    /// The ECDSA P-256 private key (PEM) that signs checkpoints; its public key is served at
    /// <c>/api/v1/audit/checkpoint-key</c>. Unset, one is generated into <see cref="KeyFile"/>.
    /// </summary>
    public string? CheckpointSigningKey { get; set; }

    /// <summary>
    /// Where the keys that configuration does not give are generated on first start and read on every
    /// later one. Keys that it holds stay available to verify what they chained after keys are configured.
    /// </summary>
    [Required]
    public string KeyFile { get; set; } = Path.Combine("data", "audit-keys.json");

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        foreach (var queue in WatchedQueues ?? [])
        {
            if (queue is null || !QueueName().IsMatch(queue))
            {
                yield return new ValidationResult(
                    $"'{queue}' is not a queue name: 1 to 200 letters, digits, '-', '_', '.' or ':'.", [nameof(WatchedQueues)]);
            }
        }

        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (key, index) in (ChainKeys ?? []).Select((k, i) => (k, i)))
        {
            if (key.Id is null || !KeyId().IsMatch(key.Id))
            {
                yield return new ValidationResult($"Audit:ChainKeys:{index}:Id must be 1 to 64 letters, digits, '-', '_' or '.'.", [nameof(ChainKeys)]);
            }
            else if (!ids.Add(key.Id))
            {
                yield return new ValidationResult($"Audit:ChainKeys:{index}:Id '{key.Id}' is listed twice.", [nameof(ChainKeys)]);
            }

            if (DecodeSecret(key.Secret) is null)
            {
                yield return new ValidationResult(
                    $"Audit:ChainKeys:{index}:Secret must be base64 of at least {ChainKey.MinSecretBytes} random bytes.", [nameof(ChainKeys)]);
            }
        }

        if (ActiveChainKey is not null && !ids.Contains(ActiveChainKey))
        {
            yield return new ValidationResult($"Audit:ActiveChainKey '{ActiveChainKey}' names no key of Audit:ChainKeys.", [nameof(ActiveChainKey)]);
        }
        else if (ActiveChainKey is null && ids.Count > 1)
        {
            yield return new ValidationResult("Audit:ActiveChainKey must name the key new entries are chained with when Audit:ChainKeys lists several.", [nameof(ActiveChainKey)]);
        }

        if (CheckpointSigningKey is not null && !IsSigningKey(CheckpointSigningKey))
        {
            yield return new ValidationResult("Audit:CheckpointSigningKey must be an ECDSA P-256 private key in PEM.", [nameof(CheckpointSigningKey)]);
        }
    }

    /// <summary>The configured chain keys and the active one's id; null when none is configured.</summary>
    public (IReadOnlyList<ChainKey> Keys, string ActiveId)? ConfiguredChainKeys()
    {
        if (ChainKeys is not { Length: > 0 })
        {
            return null;
        }

        var keys = ChainKeys.Select(k => new ChainKey(k.Id!, DecodeSecret(k.Secret)!)).ToList();
        return (keys, ActiveChainKey ?? keys[0].Id);
    }

    public static byte[]? DecodeSecret(string? secret)
    {
        var bytes = new byte[Math.Max(0, (secret?.Length ?? 0) * 3 / 4)];
        return secret is not null && Convert.TryFromBase64String(secret, bytes, out var length) && length >= ChainKey.MinSecretBytes
            ? bytes[..length]
            : null;
    }

    private static bool IsSigningKey(string pem)
    {
        try
        {
            using var key = CheckpointKey.FromPem(pem);
            return key.CanSign;
        }
        catch (Exception ex) when (ex is CryptographicException or ArgumentException)
        {
            return false;
        }
    }

    [GeneratedRegex(@"^[A-Za-z0-9_.:\-]{1,200}$")]
    private static partial Regex QueueName();

    [GeneratedRegex(@"^[A-Za-z0-9_.\-]{1,64}$")]
    private static partial Regex KeyId();
}
