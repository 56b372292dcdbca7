using System.Text.Json;
using Microsoft.Data.Sqlite;
using Moderation.Classification.Learning;
using Moderation.Contracts;
using Moderation.Storage;

namespace Moderation.Classification.Storage;

public sealed class SqliteTrainingStore(SqliteDatabase database) : ITrainingStore, IModerationStore
{
    public async Task InitializeAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenForWriteAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            CREATE TABLE IF NOT EXISTS training_examples (
                seq INTEGER PRIMARY KEY AUTOINCREMENT,
                example_id TEXT NOT NULL UNIQUE,
                kind TEXT NOT NULL,
                text TEXT NOT NULL,
                labels TEXT NOT NULL,
                origin TEXT NOT NULL,
                added_at INTEGER NOT NULL
            );
            CREATE TABLE IF NOT EXISTS classified_texts (
                submission_id TEXT PRIMARY KEY,
                kind TEXT NOT NULL,
                text TEXT NOT NULL
            );
            CREATE TABLE IF NOT EXISTS model_versions (
                version TEXT PRIMARY KEY,
                created_at INTEGER NOT NULL,
                promoted INTEGER NOT NULL DEFAULT 0,
                view TEXT NOT NULL,
                bytes BLOB NOT NULL
            );
            """;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<int> AddExamplesAsync(IReadOnlyList<TrainingExample> examples, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(examples);
        var added = await SqliteRows.InsertEachAsync(database, """
            INSERT INTO training_examples (example_id, kind, text, labels, origin, added_at) VALUES ($id, $kind, $text, $labels, $origin, $at)
            ON CONFLICT (example_id) DO NOTHING
            """, examples, (parameters, example) =>
        {
            parameters.AddWithValue("$id", example.ExampleId);
            parameters.AddWithValue("$kind", example.Kind.ToString());
            parameters.AddWithValue("$text", example.Text);
            parameters.AddWithValue("$labels", JsonSerializer.Serialize(example.Labels));
            parameters.AddWithValue("$origin", example.Origin);
            parameters.AddWithValue("$at", example.AddedAt.ToUnixTimeMilliseconds());
        }, cancellationToken);
        return added.Count(a => a);
    }

    public async Task<IReadOnlyList<TrainingExample>> ListExamplesAsync(int limit, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT example_id, kind, text, labels, origin, added_at FROM training_examples ORDER BY seq DESC LIMIT $limit";
        command.Parameters.AddWithValue("$limit", limit);
        var examples = new List<TrainingExample>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            examples.Add(new TrainingExample(reader.GetString(0), Enum.Parse<ContentKind>(reader.GetString(1)), reader.GetString(2),
                JsonSerializer.Deserialize<Dictionary<string, int>>(reader.GetString(3))!, reader.GetString(4),
                DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(5))));
        }

        return examples;
    }

    public async Task RememberTextsAsync(IReadOnlyList<ClassifiedText> texts, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(texts);
        await SqliteRows.InsertEachAsync(database,
            "INSERT INTO classified_texts (submission_id, kind, text) VALUES ($id, $kind, $text) ON CONFLICT (submission_id) DO NOTHING",
            texts, (parameters, text) =>
            {
                parameters.AddWithValue("$id", text.SubmissionId.ToString());
                parameters.AddWithValue("$kind", text.Kind.ToString());
                parameters.AddWithValue("$text", text.Text);
            }, cancellationToken);
    }

    public async Task<IReadOnlyDictionary<Guid, ClassifiedText>> GetTextsAsync(IReadOnlyCollection<Guid> submissionIds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(submissionIds);
        var texts = new Dictionary<Guid, ClassifiedText>();
        if (submissionIds.Count == 0)
        {
            return texts;
        }

        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT submission_id, kind, text FROM classified_texts WHERE {SqliteRows.InIds("submission_id")}";
        SqliteRows.BindIds(command, submissionIds);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var text = new ClassifiedText(Guid.Parse(reader.GetString(0)), Enum.Parse<ContentKind>(reader.GetString(1)), reader.GetString(2));
            texts[text.SubmissionId] = text;
        }

        return texts;
    }

    public async Task AddModelAsync(SiteModelVersion model, byte[] bytes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(model);
        await using var connection = await database.OpenForWriteAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "INSERT INTO model_versions (version, created_at, promoted, view, bytes) VALUES ($version, $at, 0, $view, $bytes)";
        command.Parameters.AddWithValue("$version", model.Version);
        command.Parameters.AddWithValue("$at", model.CreatedAt.ToUnixTimeMilliseconds());
        command.Parameters.AddWithValue("$view", ModelVersionDocument.Serialize(model));
        command.Parameters.AddWithValue("$bytes", bytes);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task PromoteAsync(string version, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenForWriteAsync(cancellationToken);
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "UPDATE model_versions SET promoted = CASE WHEN version = $version THEN 1 ELSE 0 END";
        command.Parameters.AddWithValue("$version", version);
        await command.ExecuteNonQueryAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<SiteModelVersion>> ListModelsAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT view, promoted FROM model_versions ORDER BY created_at DESC, version DESC";
        var models = new List<SiteModelVersion>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            models.Add(ModelVersionDocument.Deserialize(reader.GetString(0), promoted: reader.GetInt64(1) == 1));
        }

        return models;
    }

    public async Task<(SiteModelVersion Model, byte[] Bytes)?> GetPromotedModelAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT view, bytes FROM model_versions WHERE promoted = 1";
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken)
            ? (ModelVersionDocument.Deserialize(reader.GetString(0), promoted: true), (byte[])reader.GetValue(1))
            : null;
    }
}
