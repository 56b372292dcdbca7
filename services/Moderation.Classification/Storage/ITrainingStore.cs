using Moderation.Classification.Learning;

namespace Moderation.Classification.Storage;

/// <summary>
/// Classification's training port: labelled examples, the texts it classified (to label them later), and model versions with their bytes.
/// Examples and texts are written many at once, so an import or a batch costs one write.
/// </summary>
public interface ITrainingStore
{
    /// <summary>Stores each example unless one with its id is stored (or comes earlier in the list), in one write; returns how many were added.</summary>
    Task<int> AddExamplesAsync(IReadOnlyList<TrainingExample> examples, CancellationToken cancellationToken);

    /// <summary>The newest examples first, at most <paramref name="limit"/>: a site whose labels outgrow the cap learns from its latest ones.</summary>
    Task<IReadOnlyList<TrainingExample>> ListExamplesAsync(int limit, CancellationToken cancellationToken);

    /// <summary>Keeps the texts submissions were classified on, in one write; the first one stored for a submission stays.</summary>
    Task RememberTextsAsync(IReadOnlyList<ClassifiedText> texts, CancellationToken cancellationToken);

    /// <summary>The remembered texts of those of <paramref name="submissionIds"/> that have one, by submission id.</summary>
    Task<IReadOnlyDictionary<Guid, ClassifiedText>> GetTextsAsync(IReadOnlyCollection<Guid> submissionIds, CancellationToken cancellationToken);

    Task AddModelAsync(SiteModelVersion model, byte[] bytes, CancellationToken cancellationToken);

    /// <summary>Makes this version the one in force and no other.</summary>
    Task PromoteAsync(string version, CancellationToken cancellationToken);

    /// <summary>Every version, newest first, with <see cref="SiteModelVersion.Promoted"/> as it stands now.</summary>
    Task<IReadOnlyList<SiteModelVersion>> ListModelsAsync(CancellationToken cancellationToken);

    Task<(SiteModelVersion Model, byte[] Bytes)?> GetPromotedModelAsync(CancellationToken cancellationToken);
}
