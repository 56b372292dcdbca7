using System.Text.Json;

namespace Moderation.Audit.Storage;

/// <summary>
/// The stored form of an audit entry, versioned on its own: the API's JSON options may change for
/// the sake of its users, but an entry written years ago must still read back to the very fields it
/// was chained over, or verification would fail on a log nobody touched.
/// </summary>
public static class AuditEntrySchema
{
    /// <summary>Entries chained with unkeyed SHA-256, before chain keys existed: no key id.</summary>
    public const int UnkeyedVersion = 1;

    /// <summary>Entries chained with HMAC-SHA256 under the chain key whose id they record.</summary>
    public const int KeyedVersion = 2;

    public const int CurrentVersion = KeyedVersion;

    /// <summary>How an entry's data is written as JSON where the store has no document type of its own (SQLite).</summary>
    public static JsonSerializerOptions DataJson { get; } = new(JsonSerializerDefaults.General);

    /// <summary>Refuses an entry written by a newer version of the service rather than misreading it.</summary>
    public static int Checked(int version, long sequence) => version is >= UnkeyedVersion and <= CurrentVersion
        ? version
        : throw new InvalidDataException($"Audit entry {sequence} has stored schema version {version}; this build reads versions {UnkeyedVersion} to {CurrentVersion}.");
}
