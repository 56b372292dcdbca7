using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace Moderation.Storage;

/// <summary>
/// Opens connections to the process's SQLite file, in WAL mode so readers never wait for a writer.
/// Writers take turns at an asynchronous gate: SQLite admits one writer at a time anyway, and a
/// writer that finds the file busy would otherwise sleep before it tries again
/// (docs/decisions/0008-sqlite-and-mongodb-adapters.md).
/// </summary>
public sealed class SqliteDatabase
{
    private readonly string _connectionString;
    private readonly TimeSpan _busyTimeout;
    private readonly SemaphoreSlim _writeGate = new(1, 1);
    private readonly ConditionalWeakTable<sqlite3, sqlite3> _configured = new();
    private int _journalModeSet;

    public SqliteDatabase(string connectionString, TimeSpan? busyTimeout = null)
    {
        var builder = new SqliteConnectionStringBuilder(connectionString)
        {
            Pooling = true,
            DefaultTimeout = (int)Math.Ceiling((busyTimeout ?? TimeSpan.FromSeconds(5)).TotalSeconds),
        };
        if (!string.IsNullOrEmpty(builder.DataSource) && builder.DataSource != ":memory:" && builder.Mode != SqliteOpenMode.Memory)
        {
            var directory = Path.GetDirectoryName(Path.GetFullPath(builder.DataSource));
            if (!string.IsNullOrEmpty(directory))
            {
                Directory.CreateDirectory(directory);
            }
        }

        _connectionString = builder.ToString();
        _busyTimeout = busyTimeout ?? TimeSpan.FromSeconds(5);
    }

    /// <summary>A connection for reading, or for a write outside the process's own turn-taking (tests holding a lock).</summary>
    public Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken) => OpenAsync(new SqliteConnection(_connectionString), cancellationToken);

    /// <summary>
    /// A connection for one write (a statement or a transaction), once this process's other writers
    /// are done; disposing it lets the next one in. A turn not given within the busy timeout counts
    /// as the store being unavailable.
    /// </summary>
    public async Task<SqliteConnection> OpenForWriteAsync(CancellationToken cancellationToken)
    {
        if (!await _writeGate.WaitAsync(_busyTimeout, cancellationToken))
        {
            throw new TimeoutException($"No write to the SQLite store could start within {_busyTimeout}: other writes hold it.");
        }

        var connection = new WriteConnection(_connectionString, _writeGate);
        try
        {
            return await OpenAsync(connection, cancellationToken);
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    private async Task<SqliteConnection> OpenAsync(SqliteConnection connection, CancellationToken cancellationToken)
    {
        await connection.OpenAsync(cancellationToken);
        // The settings below belong to the native connection, which the pool keeps open across
        // Open and Close: set them the first time it is handed out, not on every open.
        if (connection.Handle is { } handle && !_configured.TryGetValue(handle, out _))
        {
            await using (var pragma = connection.CreateCommand())
            {
                pragma.CommandText = Interlocked.Exchange(ref _journalModeSet, 1) == 0
                    ? "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;"
                    : "PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;";
                await pragma.ExecuteNonQueryAsync(cancellationToken);
            }

            _configured.AddOrUpdate(handle, handle);
        }

        return connection;
    }

    /// <summary>Gives the write turn back when it is disposed, once.</summary>
    private sealed class WriteConnection(string connectionString, SemaphoreSlim gate) : SqliteConnection(connectionString)
    {
        private int _released;

        protected override void Dispose(bool disposing)
        {
            base.Dispose(disposing);
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                gate.Release();
            }
        }
    }
}
