using System.Text.Json;
using Microsoft.Data.Sqlite;
using Moderation.Storage;

namespace Moderation.Classification.Storage;

/// <summary>
/// Reads and writes of many rows at once: ids travel as one JSON array parameter (one statement for
/// any number of them), and inserts share one transaction, so a batch costs one write turn and one commit.
/// </summary>
internal static class SqliteRows
{
    /// <summary>A condition on <paramref name="column"/> holding one of the ids bound by <see cref="BindIds"/>.</summary>
    public static string InIds(string column) => $"{column} IN (SELECT value FROM json_each($ids))";

    public static void BindIds(SqliteCommand command, IEnumerable<Guid> ids) =>
        command.Parameters.AddWithValue("$ids", JsonSerializer.Serialize(ids.Select(id => id.ToString())));

    /// <summary>Inserts every row in one transaction of its own; says, row by row, whether the insert added it.</summary>
    public static async Task<bool[]> InsertEachAsync<T>(
        SqliteDatabase database, string insert, IReadOnlyList<T> rows, Action<SqliteParameterCollection, T> bind, CancellationToken cancellationToken)
    {
        if (rows.Count == 0)
        {
            return [];
        }

        await using var connection = await database.OpenForWriteAsync(cancellationToken);
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
        var added = await InsertEachAsync(transaction, insert, rows, bind, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return added;
    }

    /// <summary>Inserts every row inside <paramref name="transaction"/>; says, row by row, whether the insert added it.</summary>
    public static async Task<bool[]> InsertEachAsync<T>(
        SqliteTransaction transaction, string insert, IReadOnlyList<T> rows, Action<SqliteParameterCollection, T> bind, CancellationToken cancellationToken)
    {
        await using var command = transaction.Connection!.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = insert;
        var added = new bool[rows.Count];
        for (var i = 0; i < rows.Count; i++)
        {
            command.Parameters.Clear();
            bind(command.Parameters, rows[i]);
            added[i] = await command.ExecuteNonQueryAsync(cancellationToken) == 1;
        }

        return added;
    }
}
