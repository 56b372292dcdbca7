using System.Globalization;
using Moderation.Client;
using Moderation.Contracts;
using Moderation.Testing;

namespace Moderation.IntegrationTests;

/// <summary>Escalation, appeal and a flood of reports across the whole platform in one process, through the HTTP APIs.</summary>
public sealed class ReviewFlowTests : IAsyncLifetime
{
    private const string Threat = "You know what is coming. You could be vaporized in your car tonight.";

    /// <summary>A second client of <see cref="TestKeys.Publisher"/>, which reports and appeals what the submitting key sent.</summary>
    private const string TownhallKey = "test-townhall-key";
    private ServiceHost _platform = null!;

    public async Task InitializeAsync() => _platform = await AllInOneHost.StartAsync(new Dictionary<string, string?>
    {
        ["Auth:ApiKeys:5:Name"] = "townhall-client",
        ["Auth:ApiKeys:5:Key"] = TownhallKey,
        ["Auth:ApiKeys:5:Roles:0"] = "submitter",
        ["Auth:ApiKeys:5:Publisher"] = TestKeys.Publisher,
    });

    public async Task DisposeAsync() => await _platform.DisposeAsync();

    private ServiceHost Host => _platform;

    private IIngestionApi Platform => Host.Client<IIngestionApi>(TestKeys.Submitter);

    private async Task<(CommentAccepted Comment, ReviewItemView Item)> ThreatInReviewAsync()
    {
        var article = await Platform.SubmitArticleAsync(new SubmitArticleRequest("news.example", "Council vote", "The council voted on the budget."));
        var comment = await Platform.SubmitCommentAsync(article.ArticleId, new SubmitCommentRequest("reader42", Threat));
        var page = await Eventually.GetAsync(() => Host.Client<IReviewApi>(TestKeys.Moderator).ListItemsAsync(pageSize: 100),
            p => p.Items.Any(i => i.SubmissionId == comment.SubmissionId), what: "the comment in the queue");
        var item = page.Items.Single(i => i.SubmissionId == comment.SubmissionId);
        Assert.Equal("Council vote", item.Title);
        return (comment, item);
    }

    [Fact]
    public async Task An_escalated_then_removed_comment_is_appealed_at_senior_tier_and_approved_by_another_senior()
    {
        var (comment, item) = await ThreatInReviewAsync();
        var moderator = Host.Client<IReviewApi>(TestKeys.Moderator);
        var senior = Host.Client<IReviewApi>(TestKeys.SeniorModerator);

        await moderator.DecideAsync(item.ItemId, new DecisionRequest(DecisionOutcome.Escalate, "threat", "needs a senior look"));
        Assert.Empty((await moderator.ClaimAsync(new ClaimRequest(5))).Items);
        Assert.Equal(item.ItemId, Assert.Single((await senior.ClaimAsync(new ClaimRequest(5))).Items).ItemId);
        await senior.DecideAsync(item.ItemId, new DecisionRequest(DecisionOutcome.Remove, "threat"));
        await Eventually.GetAsync(() => Platform.GetSubmissionAsync(comment.SubmissionId), v => v.Status == SubmissionStatus.Removed, what: "the removal");

        var appeal = await Host.Client<IReviewApi>(TestKeys.Submitter).AppealAsync(new AppealRequest(comment.SubmissionId, "It quotes a film."));
        var reopened = await Eventually.GetAsync(() => Platform.GetSubmissionAsync(comment.SubmissionId), v => v.Status == SubmissionStatus.InReview, what: "the appeal reaching ingestion");
        Assert.Equal(DecisionOutcome.Remove, reopened.Decision!.Outcome);

        // The removal was made at senior tier, so its appeal stays there: not for an ordinary
        // moderator, not for the senior who removed it, but for another senior (the admin here).
        Assert.Empty((await moderator.ClaimAsync(new ClaimRequest(5))).Items);
        Assert.Empty((await senior.ClaimAsync(new ClaimRequest(5))).Items);
        var admin = Host.Client<IReviewApi>(TestKeys.Admin);
        Assert.Equal(item.ItemId, Assert.Single((await admin.ClaimAsync(new ClaimRequest(5))).Items).ItemId);
        await admin.DecideAsync(item.ItemId, new DecisionRequest(DecisionOutcome.Approve, "no-violation", "a film quote"));

        var approved = await Eventually.GetAsync(() => Platform.GetSubmissionAsync(comment.SubmissionId), v => v.Status == SubmissionStatus.Approved, what: "the appeal's approval");
        Assert.Equal(
            [SubmissionStatus.Received, SubmissionStatus.Classified, SubmissionStatus.InReview, SubmissionStatus.InReview, SubmissionStatus.Removed, SubmissionStatus.InReview, SubmissionStatus.Approved],
            approved.Timeline.Select(t => t.Status));
        Assert.Null(approved.Decision!.Actor);
        Assert.Equal("admin", (await Host.Client<IIngestionApi>(TestKeys.Admin).GetSubmissionAsync(comment.SubmissionId)).Decision!.Actor);

        var auditor = Host.Client<IAuditApi>(TestKeys.Auditor);
        var audit = await Eventually.GetAsync(() => auditor.ListEntriesAsync(comment.SubmissionId), p => p.Entries.Count == 6, what: "six audit entries");
        Assert.Equal(
            [nameof(CommentSubmitted), nameof(ContentClassified), nameof(ModerationDecided), nameof(ModerationDecided), nameof(AppealFiled), nameof(ModerationDecided)],
            audit.Entries.Select(e => e.EventType));
        Assert.Equal(["escalate", "remove"], audit.Entries.Skip(2).Take(2).Select(e => e.Data["outcome"]));
        Assert.Equal(appeal.AppealOf.ToString(), audit.Entries[5].Data["appealOf"]);
        Assert.Equal(audit.Entries[3].Data["decisionId"], audit.Entries[5].Data["appealOf"]);
        Assert.Equal("submitter:submitter", audit.Entries[4].Actor);
        Assert.True((await auditor.VerifyAsync()).Ok);
    }

    [Fact]
    public async Task A_report_is_logged_with_the_name_of_the_key_that_sent_it_not_the_submitters()
    {
        var (comment, item) = await ThreatInReviewAsync();

        var accepted = await Host.Client<IReviewApi>(TownhallKey).ReportAsync(new ReportRequest(comment.SubmissionId, "threatening me"));

        Assert.Equal(item.ItemId, accepted.ItemId);
        var audit = await Eventually.GetAsync(() => Host.Client<IAuditApi>(TestKeys.Auditor).ListEntriesAsync(comment.SubmissionId),
            p => p.Entries.Any(e => e.EventType == nameof(SubmissionReported)), what: "the report's audit entry");
        var report = Assert.Single(audit.Entries, e => e.EventType == nameof(SubmissionReported));
        Assert.Equal("submitter:townhall-client", report.Actor);
        Assert.Equal("1", report.Data["reportCount"]);
        Assert.Equal("submitter:submitter", audit.Entries.Single(e => e.EventType == nameof(CommentSubmitted)).Actor);
    }

    [Fact]
    public async Task An_appeal_is_logged_with_the_name_of_the_key_that_filed_it()
    {
        var (comment, item) = await ThreatInReviewAsync();
        var moderator = Host.Client<IReviewApi>(TestKeys.Moderator);
        Assert.Equal(item.ItemId, Assert.Single((await moderator.ClaimAsync(new ClaimRequest(5))).Items).ItemId);
        await moderator.DecideAsync(item.ItemId, new DecisionRequest(DecisionOutcome.Remove, "threat"));

        var appeal = await Host.Client<IReviewApi>(TownhallKey).AppealAsync(new AppealRequest(comment.SubmissionId, "It quotes a film."));

        var audit = await Eventually.GetAsync(() => Host.Client<IAuditApi>(TestKeys.Auditor).ListEntriesAsync(comment.SubmissionId),
            p => p.Entries.Any(e => e.EventType == nameof(AppealFiled)), what: "the appeal's audit entry");
        var filed = Assert.Single(audit.Entries, e => e.EventType == nameof(AppealFiled));
        Assert.Equal("submitter:townhall-client", filed.Actor);
        Assert.Equal(appeal.AppealId.ToString(), filed.Data["appealId"]);
    }

    [Fact]
    public async Task A_flood_of_reports_collapses_into_the_one_queued_item()
    {
        var (comment, item) = await ThreatInReviewAsync();
        var platform = Host.Client<IReviewApi>(TestKeys.Submitter);
        await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => platform.ReportAsync(new ReportRequest(comment.SubmissionId, "threatening me"))));

        var page = await Host.Client<IReviewApi>(TestKeys.Moderator).ListItemsAsync(pageSize: 100);
        var collapsed = Assert.Single(page.Items, i => i.SubmissionId == comment.SubmissionId);
        Assert.Equal(item.ItemId, collapsed.ItemId);
        Assert.Equal(20, collapsed.ReportCount);
        Assert.True(collapsed.Priority > item.Priority);
        Assert.Equal(1, page.Total);
        var audit = await Eventually.GetAsync(() => Host.Client<IAuditApi>(TestKeys.Auditor).ListEntriesAsync(comment.SubmissionId),
            p => p.Entries.Count(e => e.EventType == nameof(SubmissionReported)) == 20, what: "twenty report entries");
        Assert.Equal(Enumerable.Range(1, 20),
            audit.Entries.Where(e => e.EventType == nameof(SubmissionReported)).Select(e => int.Parse(e.Data["reportCount"]!, CultureInfo.InvariantCulture)).Order());
    }
}
