using Moderation.Storage;

namespace Moderation.Testing;

/// <summary>A SQLite file of its own for one test, deleted afterwards.</summary>
public sealed class TempSqlite : IDisposable
{
    public TempSqlite()
    {
        Directory = Path.Combine(Path.GetTempPath(), "moderation-tests", Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(Directory);
        ConnectionString = $"Data Source={Path.Combine(Directory, "store.db")}";
        Database = new SqliteDatabase(ConnectionString);
    }

    public string Directory { get; }

    public string ConnectionString { get; }

    public SqliteDatabase Database { get; }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open by a pooled connection on another thread; the temp folder is cleaned later.
        }
    }
}
