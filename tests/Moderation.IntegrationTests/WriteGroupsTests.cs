using System.Diagnostics;
using Moderation.Storage;

namespace Moderation.IntegrationTests;

/// <summary>Concurrent callers' items reach the store together, each caller gets its own results, and one that fails, fails alone.</summary>
public sealed class WriteGroupsTests
{
    [Fact]
    public async Task Concurrent_callers_share_writes_and_each_gets_the_results_of_its_own_items_in_order()
    {
        var store = new SlowStore();
        var groups = new WriteGroups<int, string>(store.WriteManyAsync, maxItemsPerWrite: 40);
        var calls = Enumerable.Range(0, 200).Select(caller => Enumerable.Range(caller * 3, 1 + caller % 3).ToList()).ToList();

        var answers = await Task.WhenAll(calls.Select(items => Task.Run(() => groups.WriteAsync(items, CancellationToken.None))));

        Assert.Equal(calls.Select(items => items.Select(i => $"stored {i}")), answers);
        Assert.Equal(calls.SelectMany(items => items).Order(), store.Written.Order());
        Assert.InRange(store.Writes.Count, 1, 100);
        Assert.All(store.Writes, size => Assert.InRange(size, 1, 40));
    }

    [Fact]
    public async Task An_item_the_store_refuses_fails_its_own_caller_and_the_rest_of_its_group_is_written()
    {
        var store = new SlowStore { Refuse = 25 };
        var groups = new WriteGroups<int, string>(store.WriteManyAsync);

        var calls = Enumerable.Range(0, 50).Select(i => Task.Run(() => groups.WriteAsync([i], CancellationToken.None))).ToList();

        await Assert.ThrowsAsync<InvalidOperationException>(() => calls[25]);
        foreach (var call in calls.Where((_, i) => i != 25))
        {
            await call;
        }

        Assert.Equal(Enumerable.Range(0, 50).Where(i => i != 25), store.Written.Order());
    }

    [Fact]
    public async Task When_the_store_is_unavailable_a_group_fails_at_once_without_trying_each_caller_again()
    {
        var store = new SlowStore { Unavailable = true, Delay = TimeSpan.FromMilliseconds(50) };
        var groups = new WriteGroups<int, string>(store.WriteManyAsync);

        var calls = Enumerable.Range(0, 20).Select(i => groups.WriteAsync([i], CancellationToken.None)).ToList();

        foreach (var call in calls)
        {
            await Assert.ThrowsAsync<TimeoutException>(() => call);
        }

        Assert.InRange(store.Writes.Count, 1, 19);
    }

    [Fact]
    public async Task A_caller_that_stops_waiting_leaves_the_others_to_be_written()
    {
        var store = new SlowStore { Delay = TimeSpan.FromMilliseconds(200) };
        var groups = new WriteGroups<int, string>(store.WriteManyAsync);
        using var impatient = new CancellationTokenSource();

        var first = groups.WriteAsync([1], CancellationToken.None);
        var cancelled = groups.WriteAsync([2], impatient.Token);
        var third = groups.WriteAsync([3], CancellationToken.None);
        await impatient.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => cancelled);
        Assert.Equal(["stored 1"], await first);
        Assert.Equal(["stored 3"], await third);
    }

    [Fact]
    public async Task The_write_does_not_run_in_the_trace_of_whichever_caller_started_it()
    {
        var store = new SlowStore();
        var groups = new WriteGroups<int, string>(store.WriteManyAsync);
        using var source = new ActivitySource("write-groups-test");
        using var listener = new ActivityListener
        {
            ShouldListenTo = s => s.Name == source.Name,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllData,
        };
        ActivitySource.AddActivityListener(listener);

        using (source.StartActivity("caller"))
        {
            Assert.NotNull(Activity.Current);
            await groups.WriteAsync([1], CancellationToken.None);
        }

        Assert.Equal([null], store.TracesSeen);
    }

    private sealed class SlowStore
    {
        private readonly Lock _lock = new();

        public List<int> Written { get; } = [];

        public List<int> Writes { get; } = [];

        public List<string?> TracesSeen { get; } = [];

        public int? Refuse { get; init; }

        public bool Unavailable { get; init; }

        public TimeSpan Delay { get; init; } = TimeSpan.FromMilliseconds(5);

        public async Task<IReadOnlyList<string>> WriteManyAsync(IReadOnlyList<int> items, CancellationToken cancellationToken)
        {
            lock (_lock)
            {
                Writes.Add(items.Count);
                TracesSeen.Add(Activity.Current?.TraceId.ToString());
            }

            await Task.Delay(Delay, cancellationToken);
            if (Unavailable)
            {
                throw new TimeoutException("The store did not answer.");
            }

            if (items.Contains(Refuse ?? -1))
            {
                throw new InvalidOperationException($"The store refused item {Refuse}.");
            }

            lock (_lock)
            {
                Written.AddRange(items);
            }

            return [.. items.Select(i => $"stored {i}")];
        }
    }
}
