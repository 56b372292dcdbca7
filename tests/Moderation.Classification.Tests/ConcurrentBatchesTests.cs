using MassTransit.Testing;
using Moderation.Classification.Storage;
using Moderation.Contracts;
using Moderation.Testing;

namespace Moderation.Classification.Tests;

/// <summary>A backlog of batch messages is classified at most <c>Classification:ConcurrentBatches</c> at a time.</summary>
public sealed class ConcurrentBatchesTests
{
    /// <summary>The classification store, slowed down, counting how many batches write at once.</summary>
    private sealed class CountingStore(SqliteClassificationStore inner) : IClassificationStore
    {
        private int _writing;

        public int MostAtOnce { get; private set; }

        public Task<IReadOnlyDictionary<Guid, ContentClassified>> GetManyAsync(IReadOnlyCollection<Guid> submissionIds, CancellationToken cancellationToken) =>
            inner.GetManyAsync(submissionIds, cancellationToken);

        public async Task<IReadOnlyList<ContentClassified>> AddOrGetManyAsync(IReadOnlyList<ContentClassified> results, CancellationToken cancellationToken)
        {
            var now = Interlocked.Increment(ref _writing);
            lock (this)
            {
                MostAtOnce = Math.Max(MostAtOnce, now);
            }

            try
            {
                await Task.Delay(TimeSpan.FromMilliseconds(200), cancellationToken);
                return await inner.AddOrGetManyAsync(results, cancellationToken);
            }
            finally
            {
                Interlocked.Decrement(ref _writing);
            }
        }
    }

    private static BatchSubmitted Batch(int n) => new(Guid.NewGuid(), [],
        [.. Enumerable.Range(0, 3).Select(i => new CommentSubmitted(Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), null, "site.example", "reader",
            $"Comment {i} of batch {n}: the council meeting is on Thursday.", "Title", DateTimeOffset.UtcNow))],
        DateTimeOffset.UtcNow);

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public async Task A_backlog_of_batches_is_classified_no_more_than_the_configured_number_at_once(int concurrentBatches)
    {
        CountingStore? counting = null;
        await using var consumers = await ClassificationConsumers.StartAsync(
            o => o.ConcurrentBatches = concurrentBatches,
            store => counting = new CountingStore(store));
        var batches = Enumerable.Range(0, 6).Select(Batch).ToList();

        await Task.WhenAll(batches.Select(b => consumers.Harness.Bus.Publish(b)));
        await Eventually.GetAsync(
            () => Task.FromResult(consumers.Harness.Published.Select<BatchClassified>().Count()),
            count => count == batches.Count, what: "every batch classified");

        Assert.InRange(counting!.MostAtOnce, 1, concurrentBatches);
    }
}
