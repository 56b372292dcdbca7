using System.Net;
using MassTransit;
using MassTransit.Testing;
using Microsoft.Extensions.DependencyInjection;
using Moderation.Audit.Domain;
using Moderation.Audit.Domain.Chain;
using Moderation.Audit.Storage;
using Moderation.Client;
using Moderation.Contracts;
using Moderation.Testing;
using Refit;

namespace Moderation.Audit.Tests;

public sealed class AuditConsumerTests : IAsyncLifetime
{
    private ConsumerHarness _consumers = null!;
    private ITestHarness _harness = null!;
    private IAuditLog _log = null!;

    public async Task InitializeAsync()
    {
        _consumers = await AuditConsumers.StartAsync();
        _harness = _consumers.Harness;
        _log = _consumers.Services.GetRequiredService<IAuditLog>();
    }

    public async Task DisposeAsync() => await _consumers.DisposeAsync();

    [Fact]
    public async Task Every_event_of_a_submission_becomes_one_entry_even_when_delivered_twice()
    {
        var id = Guid.NewGuid();
        var submitted = new CommentSubmitted(id, Guid.NewGuid(), Guid.NewGuid(), null, "news.example", "reader", "text", "Title", AuditLogContract.Now);
        var classified = new ContentClassified(id, ContentKind.Comment, Verdict.Review, new Dictionary<string, double> { [Categories.Hate] = 0.7 },
            [new ClassificationReason(Categories.Hate, "rule:test", "slur", "body", new EvidenceSpan(0, 4))], "m1", "p1", AuditLogContract.Now);
        var decided = new ModerationDecided(id, Guid.NewGuid(), DecisionOutcome.Remove, DecisionActorKind.Moderator, "alice", "hate", null, null, true, AuditLogContract.Now);

        // One at a time, as the events of one submission happen one after another.
        var consumer = _harness.GetConsumerHarness<Consumers.AuditTrailConsumer>();
        var published = 0;
        foreach (var message in new object[] { submitted, classified, decided, submitted, decided })
        {
            await _harness.Bus.Publish(message);
            published++;
            await Eventually.GetAsync(() => Task.FromResult(consumer.Consumed.Select<object>().Count()), c => c == published);
        }

        Assert.False(await _harness.Published.Any<Fault>());

        var entries = await _log.ListAsync(id, 0, 10, CancellationToken.None);
        Assert.Equal(["CommentSubmitted", "ContentClassified", "ModerationDecided"], entries.Select(e => e.EventType));
        Assert.Equal("moderator:alice", entries[2].Actor);
        Assert.Equal("review", entries[1].Data["verdict"]);
        Assert.Equal(64, entries[0].Data["bodySha256"]!.Length);
    }

    [Fact]
    public async Task A_batch_message_logs_each_item_as_its_single_event_would_in_the_messages_order_and_once()
    {
        var batch = new KnownBatch(AuditLogContract.Now);
        var sentAlone = batch.Classified.Results[2];
        var consumer = _harness.GetConsumerHarness<Consumers.AuditTrailConsumer>();
        var published = 0;
        foreach (var message in new object[] { sentAlone, batch.Submitted, batch.Classified, batch.Decided, batch.Submitted, batch.Classified })
        {
            await _harness.Bus.Publish(message);
            published++;
            await Eventually.GetAsync(() => Task.FromResult(consumer.Consumed.Select<object>().Count()), c => c == published);
        }

        Assert.False(await _harness.Published.Any<Fault>());

        var expected = new[] { AuditDrafts.From(sentAlone) }
            .Concat(AuditDrafts.From(batch.Submitted)).Concat(AuditDrafts.From(batch.Classified)).Concat(AuditDrafts.From(batch.Decided))
            .DistinctBy(d => d.EventKey)
            .ToList();
        var entries = await _log.ListAsync(null, 0, 100, CancellationToken.None);
        Assert.Equal(14, entries.Count);
        Assert.Equal(expected.Select(d => (d.EventKey, d.EventType, d.SubmissionId, d.Actor)), entries.Select(e => (e.EventKey, e.EventType, e.SubmissionId, e.Actor)));
        Assert.All(entries.Zip(expected), pair => Assert.Equal(pair.Second.Data.OrderBy(d => d.Key), pair.First.Data.OrderBy(d => d.Key)));
        Assert.Equal(["CommentSubmitted", "ContentClassified", "ModerationDecided"],
            (await _log.ListAsync(batch.Submitted.Comments[2].SubmissionId, 0, 10, CancellationToken.None)).Select(e => e.EventType));
        Assert.True((await AuditChainVerifier.VerifyAsync(_log.ReadAllAsync(CancellationToken.None), TestChainKeys.Ring, CancellationToken.None)).Ok);
    }
}

public sealed class AuditApiTests : IAsyncLifetime
{
    private ServiceHost _host = null!;

    public async Task InitializeAsync() =>
        _host = await ServiceHost.StartAsync("audit-test",
            new Dictionary<string, string?>(),
            b => b.AddAudit(), r => r.MapAudit());

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task An_auditor_pages_through_entries_and_verifies_the_chain()
    {
        var bus = _host.Services.GetRequiredService<IBus>();
        var id = Guid.NewGuid();
        await bus.Publish(new ArticleSubmitted(id, Guid.NewGuid(), "news.example", "Title", "Body", null, null, null, null, AuditLogContract.Now));
        await bus.Publish(new ContentClassified(id, ContentKind.Article, Verdict.Allow, new Dictionary<string, double>(), [], "m1", "p1", AuditLogContract.Now));

        var api = _host.Client<IAuditApi>(TestKeys.Auditor);
        var all = await Eventually.GetAsync(() => api.ListEntriesAsync(id), p => p.Entries.Count == 2, what: "two audit entries");
        Assert.Equal("submitter:(not recorded)", all.Entries[0].Actor);

        var first = await api.ListEntriesAsync(limit: 1);
        Assert.Single(first.Entries);
        Assert.Equal(1, first.NextAfter);
        var rest = await api.ListEntriesAsync(after: first.NextAfter);
        Assert.Equal(2, Assert.Single(rest.Entries).Sequence);

        Assert.Equal(new AuditVerification(true, 2, null), await api.VerifyAsync());
    }

    [Fact]
    public async Task A_limit_out_of_range_is_a_400_naming_it()
    {
        var error = await Assert.ThrowsAsync<ValidationApiException>(() => _host.Client<IAuditApi>(TestKeys.Auditor).ListEntriesAsync(limit: 5000));
        Assert.Contains("limit", error.Content!.Errors.Keys);
    }

    [Theory]
    [InlineData(null, HttpStatusCode.Unauthorized)]
    [InlineData(TestKeys.Submitter, HttpStatusCode.Forbidden)]
    [InlineData(TestKeys.Moderator, HttpStatusCode.Forbidden)]
    public async Task Only_auditors_read_the_log(string? key, HttpStatusCode expected)
    {
        var error = await Assert.ThrowsAnyAsync<ApiException>(() => _host.Client<IAuditApi>(key).VerifyAsync());
        Assert.Equal(expected, error.StatusCode);
    }
}
