using System.Text.Json;
using Moderation.Contracts;
using Moderation.ServiceDefaults;

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

    public async Task<ContentClassified?> GetAsync(Guid submissionId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT document FROM classification_results WHERE submission_id = $id";
        command.Parameters.AddWithValue("$id", submissionId.ToString());
        return await command.ExecuteScalarAsync(cancellationToken) is string json
            ? JsonSerializer.Deserialize<ContentClassified>(json, ModerationJson.Options)
            : null;
    }

    public async Task<ContentClassified> AddOrGetAsync(ContentClassified result, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(result);
        await using (var connection = await database.OpenForWriteAsync(cancellationToken))
        await using (var command = connection.CreateCommand())
        {
            command.CommandText = """
                INSERT INTO classification_results (submission_id, classified_at, document) VALUES ($id, $at, $document)
                ON CONFLICT (submission_id) DO NOTHING
                """;
            command.Parameters.AddWithValue("$id", result.SubmissionId.ToString());
            command.Parameters.AddWithValue("$at", result.OccurredAt.ToUnixTimeMilliseconds());
            command.Parameters.AddWithValue("$document", JsonSerializer.Serialize(result, ModerationJson.Options));
            if (await command.ExecuteNonQueryAsync(cancellationToken) == 1)
            {
                return result;
            }
        }

        return await GetAsync(result.SubmissionId, cancellationToken) ?? result;
    }
}
