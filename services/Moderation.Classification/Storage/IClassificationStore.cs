using Moderation.Contracts;

namespace Moderation.Classification.Storage;

/// <summary>
/// Classification's storage port: the result given for each submission, so a redelivery gives the
/// same one. Works on many submissions at once so that a batch costs one read and one write.
/// </summary>
public interface IClassificationStore
{
    /// <summary>The stored results of those of <paramref name="submissionIds"/> that have one, by submission id.</summary>
    Task<IReadOnlyDictionary<Guid, ContentClassified>> GetManyAsync(IReadOnlyCollection<Guid> submissionIds, CancellationToken cancellationToken);

    /// <summary>
    /// Stores each result unless one is stored already for its submission, all in one write; returns,
    /// position by position, the result that is stored. A submission given twice keeps the first.
    /// </summary>
    Task<IReadOnlyList<ContentClassified>> AddOrGetManyAsync(IReadOnlyList<ContentClassified> results, CancellationToken cancellationToken);
}
