using MassTransit;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Moderation.Audit;
using Moderation.Client;
using Moderation.Contracts;
using Moderation.Testing;

namespace Moderation.IntegrationTests;

/// <summary>
/// A message that fails every retry lands in its error queue; once the fault is gone an admin
/// re-drives it and it is processed as if nothing had happened.
/// </summary>
[Collection(RabbitMqCollection.Name)]
public sealed class ErrorQueueRedriveTests : IAsyncLifetime
{
    private ServiceHost? _audit;

    public async Task InitializeAsync()
    {
        if (TestEnvironment.RabbitMqHost is null)
        {
            return;
        }

        _audit = await ServiceHost.StartAsync("moderation-audit", new Dictionary<string, string?>
        {
            ["Storage:SqliteBusyTimeout"] = "00:00:01",
            ["Bus:Transport"] = "RabbitMq",
            ["Bus:RabbitMq:Host"] = TestEnvironment.RabbitMqHost,
            ["Bus:RabbitMq:VirtualHost"] = TestEnvironment.RabbitMqVirtualHost,
            ["Bus:RetryIntervalsMs:0"] = "50",
            ["Bus:RetryIntervalsMs:1"] = "50",
        }, b => b.AddAudit(), r => r.MapAudit());
    }

    public async Task DisposeAsync()
    {
        if (_audit is not null)
        {
            await _audit.DisposeAsync();
        }
    }

    [SkippableFact]
    public async Task An_event_the_audit_store_refused_waits_in_the_error_queue_until_an_admin_redrives_it()
    {
        TestEnvironment.SkipUnlessRabbitMq();
        var admin = _audit!.Client<IAdminApi>(TestKeys.Admin);
        var auditor = _audit.Client<IAuditApi>(TestKeys.Auditor);
        var before = (await admin.ListErrorQueuesAsync()).Single(q => q.Queue == AuditService.QueueName).Messages;
        var submissionId = Guid.NewGuid();

        await using (var lockHolder = new SqliteConnection(_audit!.Store.ConnectionString))
        {
            await lockHolder.OpenAsync();
            await using var transaction = (SqliteTransaction)await lockHolder.BeginTransactionAsync();
            await using (var write = lockHolder.CreateCommand())
            {
                write.Transaction = transaction;
                write.CommandText = "DELETE FROM audit_entries WHERE 0";
                await write.ExecuteNonQueryAsync();
            }

            await _audit.Services.GetRequiredService<IBus>().Publish(new ArticleSubmitted(submissionId, Guid.NewGuid(), "news.example",
                "Title", "Body", null, null, null, null, DateTimeOffset.UtcNow));
            await Eventually.GetAsync(() => admin.ListErrorQueuesAsync(),
                queues => queues.Single(q => q.Queue == AuditService.QueueName).Messages > before, TimeSpan.FromSeconds(30), "the event in audit_error");
        }

        Assert.Empty((await auditor.ListEntriesAsync(submissionId)).Entries);
        var waiting = (await admin.ListErrorQueuesAsync()).Single(q => q.Queue == AuditService.QueueName).Messages;
        var failed = (await auditor.GetOverviewAsync()).ErrorQueues;
        Assert.True(failed.Counted, failed.Note);
        Assert.Equal(new ErrorQueueView(AuditService.QueueName, "audit_error", waiting), failed.Queues.Single(q => q.Queue == AuditService.QueueName));
        Assert.Equal(failed.Queues.Sum(q => q.Messages), failed.Messages);

        var redriven = await admin.RedriveAsync(AuditService.QueueName);
        Assert.True(redriven.Moved >= 1);

        var entries = await Eventually.GetAsync(() => auditor.ListEntriesAsync(submissionId), p => p.Entries.Count == 1, what: "the re-driven entry");
        Assert.Equal(nameof(ArticleSubmitted), Assert.Single(entries.Entries).EventType);
        Assert.Equal(0, (await admin.ListErrorQueuesAsync()).Single(q => q.Queue == AuditService.QueueName).Messages);
        var afterRedrive = (await auditor.GetOverviewAsync()).ErrorQueues;
        Assert.True(afterRedrive.Counted, afterRedrive.Note);
        Assert.Equal(0, afterRedrive.Queues.Single(q => q.Queue == AuditService.QueueName).Messages);
        Assert.True((await auditor.VerifyAsync()).Ok);
    }

    [SkippableFact]
    public async Task Only_a_queue_of_this_process_can_be_redriven_and_only_by_an_admin()
    {
        TestEnvironment.SkipUnlessRabbitMq();
        var unknown = await Assert.ThrowsAnyAsync<Refit.ApiException>(() => _audit!.Client<IAdminApi>(TestKeys.Admin).RedriveAsync("ingestion"));
        Assert.Equal(System.Net.HttpStatusCode.NotFound, unknown.StatusCode);
        var auditorTry = await Assert.ThrowsAnyAsync<Refit.ApiException>(() => _audit!.Client<IAdminApi>(TestKeys.Auditor).ListErrorQueuesAsync());
        Assert.Equal(System.Net.HttpStatusCode.Forbidden, auditorTry.StatusCode);
    }
}
