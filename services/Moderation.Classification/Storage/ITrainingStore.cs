using Moderation.Client;
using Moderation.Contracts;

namespace Moderation.Classification.Storage;

/// <summary>A labelled text kept for training. <see cref="ExampleId"/> makes a redelivered decision or a re-imported line a no-op.</summary>
public sealed record TrainingExample(string ExampleId, ContentKind Kind, string Text, IReadOnlyDictionary<string, int> Labels, string Origin, DateTimeOffset AddedAt);

/// <summary>Classification's training port: labelled examples, the texts it classified (to label them later), and model versions with their bytes.</summary>
public interface ITrainingStore
{
    /// <summary>Stores the example unless one with its id is stored; true when it was added.</summary>
    Task<bool> AddExampleAsync(TrainingExample example, CancellationToken cancellationToken);

    /// <summary>The oldest examples first, at most <paramref name="limit"/>.</summary>
    Task<IReadOnlyList<TrainingExample>> ListExamplesAsync(int limit, CancellationToken cancellationToken);

    /// <summary>Keeps the text a submission was classified on; the first one stored stays.</summary>
    Task RememberTextAsync(Guid submissionId, ContentKind kind, string text, CancellationToken cancellationToken);

    Task<(ContentKind Kind, string Text)?> GetTextAsync(Guid submissionId, CancellationToken cancellationToken);

    Task AddModelAsync(ModelVersionView model, byte[] bytes, CancellationToken cancellationToken);

    /// <summary>Makes this version the one in force and no other.</summary>
    Task PromoteAsync(string version, CancellationToken cancellationToken);

    /// <summary>Every version, newest first, with <see cref="ModelVersionView.Promoted"/> as it stands now.</summary>
    Task<IReadOnlyList<ModelVersionView>> ListModelsAsync(CancellationToken cancellationToken);

    Task<(ModelVersionView Model, byte[] Bytes)?> GetPromotedModelAsync(CancellationToken cancellationToken);
}
