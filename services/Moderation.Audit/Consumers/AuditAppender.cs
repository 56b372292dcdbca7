using Moderation.Audit.Domain;
using Moderation.Audit.Storage;

namespace Moderation.Audit.Consumers;

/// <summary>
/// Group commit for the audit queue's concurrent consumers: appends that arrive while a write is
/// under way queue up and go to the log together in the next <see cref="IAuditLog.AppendManyAsync"/>,
/// in the order they arrived. One consumer at a time, one transaction per event, kept the log about
/// 300 events a second behind the pipeline on the two-core machine; this way the write count follows
/// the store's pace, not the event rate. If a group fails, each of its appends is tried on its own,
/// so a message that cannot be logged fails alone and the others are not retried for it.
/// </summary>
public sealed class AuditAppender(IAuditLog log)
{
    private readonly Lock _queueLock = new();
    private List<PendingAppend> _queued = [];
    private bool _writing;

    public async Task<IReadOnlyList<AuditEntry>> AppendAsync(IReadOnlyList<AuditDraft> drafts, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(drafts);
        var append = new PendingAppend(drafts);
        bool startWriter;
        lock (_queueLock)
        {
            _queued.Add(append);
            startWriter = !_writing;
            _writing = true;
        }

        if (startWriter)
        {
            _ = Task.Run(WriteQueuedAsync, CancellationToken.None);
        }

        return await append.Written.Task.WaitAsync(cancellationToken);
    }

    private async Task WriteQueuedAsync()
    {
        while (true)
        {
            List<PendingAppend> group;
            lock (_queueLock)
            {
                if (_queued.Count == 0)
                {
                    _writing = false;
                    return;
                }

                group = _queued;
                _queued = [];
            }

            if (group.Count == 1 || !await TryWriteAsync(group))
            {
                foreach (var append in group)
                {
                    await TryWriteAsync([append]);
                }
            }
        }
    }

    /// <summary>Writes the group's drafts in one call and completes each append with its entries; false (nothing completed) if the write failed.</summary>
    private async Task<bool> TryWriteAsync(IReadOnlyList<PendingAppend> group)
    {
        IReadOnlyList<AuditEntry> entries;
        try
        {
            entries = await log.AppendManyAsync([.. group.SelectMany(a => a.Drafts)], CancellationToken.None);
        }
        catch (Exception ex)
        {
            if (group.Count == 1)
            {
                group[0].Written.TrySetException(ex);
            }

            return false;
        }

        var offset = 0;
        foreach (var append in group)
        {
            append.Written.TrySetResult([.. entries.Skip(offset).Take(append.Drafts.Count)]);
            offset += append.Drafts.Count;
        }

        return true;
    }

    private sealed record PendingAppend(IReadOnlyList<AuditDraft> Drafts)
    {
        public TaskCompletionSource<IReadOnlyList<AuditEntry>> Written { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
