using Microsoft.Data.Sqlite;
using Moderation.Contracts;
using Moderation.Storage;

namespace Moderation.Classification.Storage;

public sealed class SqliteClassificationStore(SqliteDatabase database) : IClassificationStore, IModerationStore
{
    public async Task InitializeAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenForWriteAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            CREATE TABLE IF NOT EXISTS classification_results (
                submission_id TEXT PRIMARY KEY,
                classified_at INTEGER NOT NULL,
                document TEXT NOT NULL
            );
            """;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<IReadOnlyDictionary<Guid, ContentClassified>> GetManyAsync(IReadOnlyCollection<Guid> submissionIds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(submissionIds);
        if (submissionIds.Count == 0)
        {
            return new Dictionary<Guid, ContentClassified>();
        }

        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        return await ReadAsync(command, submissionIds, cancellationToken);
    }

    /// <summary>
    /// Inserts what is new and reads back, in the same transaction, the results of the submissions
    /// whose insert found one stored (by another writer, or earlier in the list).
    /// </summary>
    public async Task<IReadOnlyList<ContentClassified>> AddOrGetManyAsync(IReadOnlyList<ContentClassified> results, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(results);
        if (results.Count == 0)
        {
            return [];
        }

        await using var connection = await database.OpenForWriteAsync(cancellationToken);
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
        var added = await SqliteRows.InsertEachAsync(transaction, """
            INSERT INTO classification_results (submission_id, classified_at, document) VALUES ($id, $at, $document)
            ON CONFLICT (submission_id) DO NOTHING
            """, results, (parameters, result) =>
        {
            parameters.AddWithValue("$id", result.SubmissionId.ToString());
            parameters.AddWithValue("$at", result.OccurredAt.ToUnixTimeMilliseconds());
            parameters.AddWithValue("$document", ClassificationResultDocument.Serialize(result));
        }, cancellationToken);
        var refused = results.Where((_, i) => !added[i]).Select(r => r.SubmissionId).ToList();
        IReadOnlyDictionary<Guid, ContentClassified> stored = new Dictionary<Guid, ContentClassified>();
        if (refused.Count > 0)
        {
            await using var command = connection.CreateCommand();
            command.Transaction = transaction;
            stored = await ReadAsync(command, refused, cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return results.Select(r => stored.GetValueOrDefault(r.SubmissionId, r)).ToList();
    }

    private static async Task<IReadOnlyDictionary<Guid, ContentClassified>> ReadAsync(SqliteCommand command, IEnumerable<Guid> submissionIds, CancellationToken cancellationToken)
    {
        command.CommandText = $"SELECT document FROM classification_results WHERE {SqliteRows.InIds("submission_id")}";
        SqliteRows.BindIds(command, submissionIds);
        var results = new Dictionary<Guid, ContentClassified>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var result = ClassificationResultDocument.Deserialize(reader.GetString(0));
            results[result.SubmissionId] = result;
        }

        return results;
    }
}
