using Moderation.Contracts;

namespace Moderation.Classification.Storage;

/// <summary>Classification's storage port: the result given for each submission, so a redelivery gives the same one.</summary>
public interface IClassificationStore
{
    Task<ContentClassified?> GetAsync(Guid submissionId, CancellationToken cancellationToken);

    /// <summary>Stores the result unless one is stored already; returns the result that is stored.</summary>
    Task<ContentClassified> AddOrGetAsync(ContentClassified result, CancellationToken cancellationToken);
}
