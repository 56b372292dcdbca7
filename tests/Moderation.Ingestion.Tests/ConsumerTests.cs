using System.Text.Json;
using MassTransit;
using MassTransit.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Moderation.Contracts;
using Moderation.Ingestion.Domain;
using Moderation.Ingestion.Endpoints;
using Moderation.Ingestion.Storage;
using Moderation.Messaging;
using Moderation.Storage;
using Moderation.Testing;

namespace Moderation.Ingestion.Tests;

public sealed class ConsumerTests : IAsyncLifetime
{
    private ConsumerHarness _consumers = null!;
    private ITestHarness _harness = null!;
    private ISubmissionStore _store = null!;

    public async Task InitializeAsync()
    {
        _consumers = await ConsumerHarness.StartAsync(
            services => services
                .AddSingleton<SqliteSubmissionStore>()
                .AddSingleton<ISubmissionStore>(sp => sp.GetRequiredService<SqliteSubmissionStore>())
                .AddSingleton<IModerationStore>(sp => sp.GetRequiredService<SqliteSubmissionStore>()),
            IngestionService.AddConsumers);
        _harness = _consumers.Harness;
        _store = _consumers.Services.GetRequiredService<ISubmissionStore>();
    }

    public async Task DisposeAsync() => await _consumers.DisposeAsync();

    [Fact]
    public async Task A_classification_moves_the_submission_of_record_without_a_fault()
    {
        var record = SubmissionRecordTests.NewComment();
        await _store.AddAsync(record, CancellationToken.None);

        await _harness.Bus.Publish(SubmissionRecordTests.Classified(record.SubmissionId, Verdict.Review));

        Assert.True(await _harness.Consumed.Any<ContentClassified>());
        Assert.False(await _harness.Published.Any<Fault<ContentClassified>>());
        Assert.Equal(SubmissionState.InReview, (await _store.GetAsync(record.SubmissionId, CancellationToken.None))!.Status);
    }

    [Fact]
    public async Task A_decision_delivered_twice_is_recorded_once()
    {
        var record = SubmissionRecordTests.NewComment();
        await _store.AddAsync(record, CancellationToken.None);
        var decided = SubmissionRecordTests.Decided(record.SubmissionId, DecisionOutcome.Remove);

        await _harness.Bus.Publish(decided);
        await _harness.Bus.Publish(decided);

        var consumer = _harness.GetConsumerHarness<Consumers.SubmissionDecidedConsumer>();
        await Eventually.GetAsync(() => Task.FromResult(consumer.Consumed.Select<ModerationDecided>().Count()), c => c == 2);
        Assert.False(await _harness.Published.Any<Fault<ModerationDecided>>());
        var read = await _store.GetAsync(record.SubmissionId, CancellationToken.None);
        Assert.Equal(SubmissionState.Removed, read!.Status);
        Assert.Single(read.Timeline, t => t.State == SubmissionState.Removed);
    }

    [Fact]
    public async Task An_event_about_an_unknown_submission_is_ignored_without_a_fault()
    {
        await _harness.Bus.Publish(SubmissionRecordTests.Classified(Guid.NewGuid(), Verdict.Allow));

        Assert.True(await _harness.Consumed.Any<ContentClassified>());
        Assert.False(await _harness.Published.Any<Fault<ContentClassified>>());
    }

    [Fact]
    public async Task Batch_messages_change_every_submission_as_the_single_events_change_its_twin_and_once_when_redelivered()
    {
        var inBatch = Enumerable.Range(0, 3).Select(_ => SubmissionRecordTests.NewComment()).ToList();
        var alone = Enumerable.Range(0, 3).Select(_ => SubmissionRecordTests.NewComment()).ToList();
        foreach (var record in inBatch.Concat(alone))
        {
            await _store.AddAsync(record, CancellationToken.None);
        }

        Verdict[] verdicts = [Verdict.Review, Verdict.Allow, Verdict.Review];
        DecisionOutcome[] outcomes = [DecisionOutcome.Remove, DecisionOutcome.Approve, DecisionOutcome.Escalate];
        var classified = new BatchClassified(Guid.NewGuid(),
            [.. inBatch.Select((r, i) => SubmissionRecordTests.Classified(r.SubmissionId, verdicts[i])), SubmissionRecordTests.Classified(Guid.NewGuid(), Verdict.Allow)],
            DateTimeOffset.UtcNow);
        var decided = new BatchDecided(Guid.NewGuid(), [.. inBatch.Select((r, i) => SubmissionRecordTests.Decided(r.SubmissionId, outcomes[i]))], DateTimeOffset.UtcNow);

        await _harness.Bus.Publish(classified);
        await _harness.Bus.Publish(classified);
        await WaitConsumedAsync<Consumers.BatchClassifiedConsumer, BatchClassified>(2);
        await _harness.Bus.Publish(decided);
        await _harness.Bus.Publish(decided);
        await WaitConsumedAsync<Consumers.BatchDecidedConsumer, BatchDecided>(2);
        for (var i = 0; i < alone.Count; i++)
        {
            await _harness.Bus.Publish(classified.Results[i] with { SubmissionId = alone[i].SubmissionId });
            await _harness.Bus.Publish(decided.Decisions[i] with { SubmissionId = alone[i].SubmissionId });
        }

        await WaitConsumedAsync<Consumers.SubmissionClassifiedConsumer, ContentClassified>(3);
        await WaitConsumedAsync<Consumers.SubmissionDecidedConsumer, ModerationDecided>(3);
        Assert.False(await _harness.Published.Any<Fault<BatchClassified>>());
        Assert.False(await _harness.Published.Any<Fault<BatchDecided>>());
        Assert.Equal(
            [SubmissionState.Removed, SubmissionState.Approved, SubmissionState.InReview],
            await Task.WhenAll(inBatch.Select(async r => (await _store.GetAsync(r.SubmissionId, CancellationToken.None))!.Status)));
        for (var i = 0; i < inBatch.Count; i++)
        {
            var viaBatch = (await _store.GetAsync(inBatch[i].SubmissionId, CancellationToken.None))!.ToView(withModerators: true);
            var viaSingles = (await _store.GetAsync(alone[i].SubmissionId, CancellationToken.None))!.ToView(withModerators: true);
            Assert.Equal(
                JsonSerializer.Serialize(viaSingles with { SubmissionId = default, CommentId = default, ArticleId = default }, ModerationJson.Options),
                JsonSerializer.Serialize(viaBatch with { SubmissionId = default, CommentId = default, ArticleId = default }, ModerationJson.Options));
        }
    }

    private async Task WaitConsumedAsync<TConsumer, TMessage>(int count)
        where TConsumer : class, IConsumer
        where TMessage : class
    {
        var consumer = _harness.GetConsumerHarness<TConsumer>();
        await Eventually.GetAsync(() => Task.FromResult(consumer.Consumed.Select<TMessage>().Count()), c => c == count);
    }

    [Fact]
    public async Task The_sweeper_publishes_what_was_stored_but_never_published_and_marks_it()
    {
        var record = SubmissionRecordTests.NewComment();
        await _store.AddAsync(record, CancellationToken.None);
        var options = Options.Create(new OutboxOptions { Grace = TimeSpan.Zero });
        var publisher = new ReliablePublisher(_harness.Bus, options, TimeProvider.System, NullLogger<ReliablePublisher>.Instance);
        var sweeper = new PendingEventSweeper([_store], publisher, options, TimeProvider.System, NullLogger<PendingEventSweeper>.Instance);

        Assert.Equal(1, await sweeper.SweepAsync(_store, CancellationToken.None));
        Assert.Equal(0, await sweeper.SweepAsync(_store, CancellationToken.None));

        Assert.True(await _harness.Published.Any<CommentSubmitted>(m => m.Context.Message.SubmissionId == record.SubmissionId));
        Assert.NotNull((await _store.GetAsync(record.SubmissionId, CancellationToken.None))!.PublishedAt);
    }
}
