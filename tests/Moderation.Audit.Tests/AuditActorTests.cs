using MassTransit.Testing;
using Microsoft.Extensions.DependencyInjection;
using Moderation.Audit.Domain;
using Moderation.Audit.Domain.Chain;
using Moderation.Audit.Storage;
using Moderation.Client;
using Moderation.Contracts;
using Moderation.Ingestion;
using Moderation.Testing;

namespace Moderation.Audit.Tests;

/// <summary>The actor of an audit entry is the principal that the publishing service authenticated, never a field a client chose.</summary>
public sealed class AuditActorTests
{
    [Fact]
    public async Task A_submissions_actor_is_the_api_keys_name_whatever_source_the_body_gives()
    {
        await using var host = await ServiceHost.StartAsync("audit-actor-test", new Dictionary<string, string?>(),
            b => b.AddIngestion().AddAudit(), r => r.MapIngestion().MapAudit());
        var submitted = await host.Client<IIngestionApi>(TestKeys.Submitter).SubmitArticleAsync(
            new SubmitArticleRequest("moderator:alice", "A title", "A body that says nothing much.", null, null, null, null));

        var entries = await Eventually.GetAsync(() => host.Client<IAuditApi>(TestKeys.Auditor).ListEntriesAsync(submitted.SubmissionId),
            page => page.Entries.Any(e => e.EventType == nameof(ArticleSubmitted)), what: "the submission's audit entry");

        var entry = entries.Entries.Single(e => e.EventType == nameof(ArticleSubmitted));
        Assert.Equal("submitter:submitter", entry.Actor);
        Assert.Equal("moderator:alice", entry.Data["source"]);
    }

    [Fact]
    public async Task A_report_and_a_redrive_each_become_an_entry_with_the_principal_as_actor()
    {
        await using var consumers = await AuditConsumers.StartAsync();
        var submission = Guid.NewGuid();
        var report = new SubmissionReported(submission, Guid.NewGuid(), "townhall-client", 3, AuditLogContract.Now);
        var redrive = new ErrorQueueRedriven(Guid.NewGuid(), "classification", 12, "erin", AuditLogContract.Now);

        await consumers.Harness.Bus.Publish(report);
        await consumers.Harness.Bus.Publish(redrive);
        await consumers.Harness.Bus.Publish(report);
        var consumer = consumers.Harness.GetConsumerHarness<Consumers.AuditTrailConsumer>();
        await Eventually.GetAsync(() => Task.FromResult(consumer.Consumed.Select<object>().Count()), c => c == 3);

        var log = consumers.Services.GetRequiredService<IAuditLog>();
        var entries = await log.ListAsync(null, 0, 10, CancellationToken.None);
        Assert.Equal(
            [(nameof(SubmissionReported), submission, "submitter:townhall-client"), (nameof(ErrorQueueRedriven), Guid.Empty, "admin:erin")],
            entries.Select(e => (e.EventType, e.SubmissionId, e.Actor)));
        Assert.Equal("3", entries[0].Data["reportCount"]);
        Assert.Equal(("classification", "12"), (entries[1].Data["queue"], entries[1].Data["moved"]));
        Assert.True((await AuditChainVerifier.VerifyAsync(log.ReadAllAsync(CancellationToken.None), TestChainKeys.Ring, CancellationToken.None)).Ok);
    }

    [Fact]
    public void An_appeal_names_its_filer_a_promotion_its_admin_and_a_policy_load_the_policy_file_the_last_two_under_no_submission()
    {
        var submission = Guid.NewGuid();
        var drafts = new[]
        {
            AuditDrafts.From(new AppealFiled(submission, Guid.NewGuid(), Guid.NewGuid(), "satire", AuditLogContract.Now, "townhall-client")),
            AuditDrafts.From(new AppealFiled(submission, Guid.NewGuid(), Guid.NewGuid(), "satire", AuditLogContract.Now)),
            AuditDrafts.From(new ModelPromoted("site-20261207T100000000", [Categories.Harassment, Categories.Spam], "default-1", "erin", AuditLogContract.Now)),
            AuditDrafts.From(new PolicyLoaded(Guid.NewGuid(), "site-2026.12.07", "ab12", "classifier-host", AuditLogContract.Now)),
        };

        Assert.Equal(
            [(submission, "submitter:townhall-client"), (submission, "submitter:(not recorded)"), (Guid.Empty, "admin:erin"), (Guid.Empty, "system:policy-file")],
            drafts.Select(d => (d.SubmissionId, d.Actor)));
        Assert.Equal(("site-20261207T100000000", "harassment, spam", "default-1"),
            (drafts[2].Data["version"], drafts[2].Data["promotedCategories"], drafts[2].Data["comparedWith"]));
        Assert.Equal(("site-2026.12.07", "ab12", "classifier-host"), (drafts[3].Data["version"], drafts[3].Data["contentSha256"], drafts[3].Data["host"]));
    }

    [Fact]
    public void An_event_from_before_the_principal_was_carried_says_so_rather_than_naming_its_source()
    {
        var draft = AuditDrafts.From(new ArticleSubmitted(Guid.NewGuid(), Guid.NewGuid(), "news.example", "Title", "Body", null, null, null, null, AuditLogContract.Now));

        Assert.Equal("submitter:(not recorded)", draft.Actor);
    }
}
