using System.Reflection;
using MassTransit;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Moderation.Messaging;
using Moderation.Testing;

namespace Moderation.Ingestion.Tests;

/// <summary>A slow publish is waited for, never cancelled, and marks its event when it lands.</summary>
public sealed class ReliablePublisherTests
{
    [Fact]
    public async Task A_publish_slower_than_the_timeout_is_left_running_not_repeated_meanwhile_and_marks_its_event_when_it_lands()
    {
        using var submissions = await SqliteSubmissions.CreateAsync();
        var store = submissions.Store;
        var record = SqliteSubmissions.Article("Title");
        await store.AddAsync(record, CancellationToken.None);
        var bus = SlowBus.Create();
        var publisher = new ReliablePublisher(bus, Options.Create(new OutboxOptions { PublishTimeout = TimeSpan.FromMilliseconds(200) }),
            TimeProvider.System, NullLogger<ReliablePublisher>.Instance);

        var pending = new PendingEvent(record.SubmissionId.ToString(), record.ToEvent());

        Assert.False(await publisher.PublishAsync(store, pending, CancellationToken.None));
        Assert.Single(await store.ListPendingAsync(DateTimeOffset.MaxValue, 10, CancellationToken.None));
        var slow = (SlowBus)(object)bus;
        Assert.False(slow.PublishToken.CanBeCanceled);
        Assert.False(await publisher.PublishAsync(store, pending, CancellationToken.None));
        Assert.Equal(1, slow.Publishes);

        slow.Land();
        await Eventually.GetAsync(() => store.ListPendingAsync(DateTimeOffset.MaxValue, 10, CancellationToken.None), pending => pending.Count == 0, what: "the event marked once its publish landed");
    }

    /// <summary>A bus whose publish lands only when the test says so, noting the token it was given.</summary>
    public class SlowBus : DispatchProxy
    {
        private readonly TaskCompletionSource _landed = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public CancellationToken PublishToken { get; private set; }

        public int Publishes { get; private set; }

        public static IBus Create() => Create<IBus, SlowBus>();

        public void Land() => _landed.SetResult();

        protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
        {
            ArgumentNullException.ThrowIfNull(targetMethod);
            if (targetMethod.Name != nameof(IBus.Publish))
            {
                throw new NotSupportedException(targetMethod.Name);
            }

            PublishToken = args!.OfType<CancellationToken>().Single();
            Publishes++;
            return _landed.Task;
        }
    }
}
