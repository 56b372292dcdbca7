using Moderation.Audit.Domain;

namespace Moderation.Audit.Storage;

/// <summary>Audit's storage port: an append-only log. There is no update and no delete.</summary>
public interface IAuditLog
{
    /// <summary>
    /// Appends the draft as the next entry of the chain, atomically taking the next sequence number
    /// and the last hash, chained with the active chain key. An event already logged (same <see cref="AuditDraft.EventKey"/>) is not
    /// logged again; the entry it got is returned.
    /// </summary>
    Task<AuditEntry> AppendAsync(AuditDraft draft, CancellationToken cancellationToken);

    /// <summary>
    /// Appends the drafts as the next entries of the chain, in the order given and in one write (the
    /// items of a batch message): each entry is the one <see cref="AppendAsync"/> of that draft would
    /// have made. A draft whose event is already logged, before or earlier in the list, adds none.
    /// Returns the entry of each draft, in the order given.
    /// </summary>
    Task<IReadOnlyList<AuditEntry>> AppendManyAsync(IReadOnlyList<AuditDraft> drafts, CancellationToken cancellationToken);

    /// <summary>The entry with the highest sequence number; null while the log is empty.</summary>
    Task<AuditEntry?> LastAsync(CancellationToken cancellationToken);

    Task<IReadOnlyList<AuditEntry>> ListAsync(Guid? submissionId, long after, int limit, CancellationToken cancellationToken);

    /// <summary>Every entry in sequence order, streamed.</summary>
    IAsyncEnumerable<AuditEntry> ReadAllAsync(CancellationToken cancellationToken);
}
