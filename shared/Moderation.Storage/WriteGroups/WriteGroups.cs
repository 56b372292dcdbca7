namespace Moderation.Storage;

/// <summary>
/// Group commit for a store operation that takes many items in one write. Callers that arrive while
/// a write is under way queue up, and their items go to the store together in the next write, in
/// the order they arrived; each caller gets the results of its own items. So the number of writes
/// follows the store's pace rather than the message rate: one transaction (and one turn of
/// SQLite's single writer) for whatever queued meanwhile, instead of one per message, which under
/// load had consumers waiting for each other's turns more than working. If a group's write fails,
/// each caller's items are written again on their own, so an item that cannot be written fails its
/// own caller only; but when the store is unavailable (the failure a 503 answers), every caller of
/// the group fails at once, since trying each on its own would only wait out the store's timeout
/// once per caller.
/// </summary>
/// <remarks>
/// The write runs on no caller's cancellation: a caller that stops waiting may still find its
/// items written, which is why it may only be used for writes that are idempotent, as every
/// consumer's are.
/// </remarks>
public sealed class WriteGroups<TItem, TResult>
{
    private readonly Func<IReadOnlyList<TItem>, CancellationToken, Task<IReadOnlyList<TResult>>> _writeMany;
    private readonly int _maxItemsPerWrite;
    private readonly Lock _queueLock = new();
    private readonly Queue<PendingWrite> _queued = new();
    private bool _writing;

    /// <param name="writeMany">Writes the items in one go and returns one result per item, in their order.</param>
    /// <param name="maxItemsPerWrite">A write takes callers until the next would bring it over this many items (it always takes one).</param>
    public WriteGroups(Func<IReadOnlyList<TItem>, CancellationToken, Task<IReadOnlyList<TResult>>> writeMany, int maxItemsPerWrite = 500)
    {
        ArgumentNullException.ThrowIfNull(writeMany);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxItemsPerWrite, 1);
        _writeMany = writeMany;
        _maxItemsPerWrite = maxItemsPerWrite;
    }

    public async Task<IReadOnlyList<TResult>> WriteAsync(IReadOnlyList<TItem> items, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(items);
        if (items.Count == 0)
        {
            return [];
        }

        var write = new PendingWrite(items);
        bool startWriter;
        lock (_queueLock)
        {
            _queued.Enqueue(write);
            startWriter = !_writing;
            _writing = true;
        }

        if (startWriter)
        {
            // The writer serves every caller: it must not carry the first one's trace and scope along.
            using (ExecutionContext.SuppressFlow())
            {
                _ = Task.Run(WriteQueuedAsync, CancellationToken.None);
            }
        }

        return await write.Written.Task.WaitAsync(cancellationToken);
    }

    private async Task WriteQueuedAsync()
    {
        while (NextGroup() is { } group)
        {
            if (group.Count == 1 || !await TryWriteAsync(group))
            {
                foreach (var write in group)
                {
                    await TryWriteAsync([write]);
                }
            }
        }
    }

    /// <summary>The callers of the next write, or null (and the writer stops) when none are waiting.</summary>
    private List<PendingWrite>? NextGroup()
    {
        lock (_queueLock)
        {
            if (_queued.Count == 0)
            {
                _writing = false;
                return null;
            }

            var group = new List<PendingWrite> { _queued.Dequeue() };
            var itemCount = group[0].Items.Count;
            while (_queued.TryPeek(out var next) && itemCount + next.Items.Count <= _maxItemsPerWrite)
            {
                group.Add(_queued.Dequeue());
                itemCount += next.Items.Count;
            }

            return group;
        }
    }

    /// <summary>
    /// Writes the group's items in one call and completes each caller with its results, or with the
    /// failure when it cannot be the fault of one item; false (nothing completed) otherwise.
    /// </summary>
    private async Task<bool> TryWriteAsync(List<PendingWrite> group)
    {
        IReadOnlyList<TResult> results;
        try
        {
            results = await _writeMany(group.Count == 1 ? group[0].Items : [.. group.SelectMany(w => w.Items)], CancellationToken.None);
        }
        catch (Exception ex)
        {
            if (group.Count > 1 && !StoreUnavailableProblems.IsUnavailable(ex))
            {
                return false;
            }

            foreach (var write in group)
            {
                write.Written.TrySetException(ex);
            }

            return true;
        }

        var offset = 0;
        foreach (var write in group)
        {
            write.Written.TrySetResult([.. results.Skip(offset).Take(write.Items.Count)]);
            offset += write.Items.Count;
        }

        return true;
    }

    private sealed record PendingWrite(IReadOnlyList<TItem> Items)
    {
        public TaskCompletionSource<IReadOnlyList<TResult>> Written { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}

public static class WriteGroups
{
    /// <summary>Group commit for a write that returns nothing; each caller gets its own items back.</summary>
    public static WriteGroups<TItem, TItem> For<TItem>(Func<IReadOnlyList<TItem>, CancellationToken, Task> writeMany, int maxItemsPerWrite = 500)
    {
        ArgumentNullException.ThrowIfNull(writeMany);
        return new(async (items, cancellationToken) =>
        {
            await writeMany(items, cancellationToken);
            return items;
        }, maxItemsPerWrite);
    }
}
