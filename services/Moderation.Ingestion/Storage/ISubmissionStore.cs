using Moderation.Ingestion.Domain;
using Moderation.ServiceDefaults;

namespace Moderation.Ingestion.Storage;

/// <summary>Ingestion's storage port: submissions of record, with the outbox's "published" mark.</summary>
public interface ISubmissionStore : IPendingEventSource
{
    /// <summary>Stores a new submission, not yet marked as published.</summary>
    Task AddAsync(SubmissionRecord record, CancellationToken cancellationToken);

    Task<SubmissionRecord?> GetAsync(Guid submissionId, CancellationToken cancellationToken);

    Task<SubmissionRecord?> FindArticleAsync(Guid articleId, CancellationToken cancellationToken);

    Task<SubmissionRecord?> FindCommentAsync(Guid commentId, CancellationToken cancellationToken);

    /// <summary>
    /// Changes a stored submission atomically: <paramref name="change"/> returns false to leave it as
    /// it is. Returns false when the submission does not exist or nothing changed.
    /// </summary>
    Task<bool> UpdateAsync(Guid submissionId, Func<SubmissionRecord, bool> change, CancellationToken cancellationToken);
}
