namespace Moderation.Storage;

public sealed class StorageOptions
{
    public const string Section = "Storage";

    public StorageProvider Provider { get; set; } = StorageProvider.Sqlite;

    /// <summary>
    /// A SQLite connection string (default: a file under ./data/ named after the process) or a
    /// MongoDB URL (required for Mongo).
    /// </summary>
    public string? ConnectionString { get; set; }

    /// <summary>The MongoDB database; ignored by SQLite.</summary>
    public string Database { get; set; } = "moderation";

    /// <summary>
    /// How long a SQLite statement waits for a lock held elsewhere before the store counts as
    /// unavailable (and an HTTP call answers 503).
    /// </summary>
    public TimeSpan SqliteBusyTimeout { get; set; } = TimeSpan.FromSeconds(5);
}
