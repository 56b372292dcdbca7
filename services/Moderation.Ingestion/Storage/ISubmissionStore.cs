using Moderation.Ingestion.Domain;
using Moderation.Messaging;

namespace Moderation.Ingestion.Storage;

/// <summary>Ingestion's storage port: submissions of record, with the outbox's "published" mark.</summary>
public interface ISubmissionStore : IPendingEventSource
{
    /// <summary>Stores a new submission, not yet marked as published.</summary>
    Task AddAsync(SubmissionRecord record, CancellationToken cancellationToken);

    /// <summary>
    /// Stores new submissions in one write, in the order given, except those whose
    /// <see cref="SubmissionRecord.ContentHash"/> was received within <paramref name="duplicateWindow"/>
    /// before their own <see cref="SubmissionRecord.ReceivedAt"/> (by a record stored earlier, or
    /// earlier in the same call). Returns, position by position, null for a record stored or the
    /// first submission it duplicates. Two concurrent calls with the same content store one submission.
    /// </summary>
    Task<IReadOnlyList<SubmissionRecord?>> AddManyUnlessDuplicateAsync(
        IReadOnlyList<SubmissionRecord> records, TimeSpan duplicateWindow, CancellationToken cancellationToken);

    /// <summary>The comments under an article, oldest first, at most <paramref name="limit"/>.</summary>
    Task<IReadOnlyList<SubmissionRecord>> ListCommentsAsync(Guid articleId, int limit, CancellationToken cancellationToken);

    /// <summary>The answer kept for an idempotency key, unless it was created before <paramref name="notBefore"/>.</summary>
    Task<IdempotentAnswer?> FindAnswerAsync(string key, DateTimeOffset notBefore, CancellationToken cancellationToken);

    /// <summary>
    /// Keeps the answer for its key, unless an answer created at or after <paramref name="replaceBefore"/>
    /// is kept already; returns the answer that is kept (the first wins).
    /// </summary>
    Task<IdempotentAnswer> SaveAnswerAsync(IdempotentAnswer answer, DateTimeOffset replaceBefore, CancellationToken cancellationToken);

    Task<SubmissionRecord?> GetAsync(Guid submissionId, CancellationToken cancellationToken);

    Task<SubmissionRecord?> FindArticleAsync(Guid articleId, CancellationToken cancellationToken);

    Task<SubmissionRecord?> FindCommentAsync(Guid commentId, CancellationToken cancellationToken);

    /// <summary>
    /// Applies many changes in one write, in the order given (several may change one submission);
    /// changes of submissions that do not exist are skipped. Every change must be idempotent (return
    /// false when what it does was done before, as applying an event is): a store may run a change
    /// again when it cannot tell whether its write landed.
    /// </summary>
    Task UpdateManyAsync(IReadOnlyList<SubmissionRecordChange> changes, CancellationToken cancellationToken);
}
