using System.Net;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Moderation.Client;
using Moderation.Contracts;
using Moderation.Testing;
using Moderation.WebConsole;
using Refit;

namespace Moderation.Audit.Tests;

public sealed class AuditStatsApiTests : IAsyncLifetime
{
    private ServiceHost _host = null!;

    public async Task InitializeAsync() =>
        _host = await ServiceHost.StartAsync("audit-stats-test",
            new Dictionary<string, string?> { ["Audit:ReviewSla"] = "00:30:00" },
            b => b.AddAudit(), r => r.MapAudit());

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private IAuditApi Api => _host.Client<IAuditApi>(TestKeys.Auditor);

    /// <summary>Two comments sent to review (one an hour ago), one article allowed; a moderator removes the older comment.</summary>
    private async Task<(Guid Queued, Guid Removed)> PublishKnownSetAsync(DateTimeOffset now)
    {
        var bus = _host.Services.GetRequiredService<IBus>();
        var removed = Guid.NewGuid();
        var queued = Guid.NewGuid();
        var article = Guid.NewGuid();
        var threat = new Dictionary<string, double> { [Categories.HarassmentThreatening] = 0.8 };
        await bus.Publish(new CommentSubmitted(removed, Guid.NewGuid(), Guid.NewGuid(), null, "news.example", "a", "=HYPERLINK(\"x\")", "Title", now.AddMinutes(-60)));
        await bus.Publish(new ContentClassified(removed, ContentKind.Comment, Verdict.Review, threat, [], "m1", "p1", now.AddMinutes(-59)));
        await bus.Publish(new ModerationDecided(removed, Guid.NewGuid(), DecisionOutcome.Remove, DecisionActorKind.Moderator, "alice", "threat", null, null, true, now.AddMinutes(-50)));
        await bus.Publish(new CommentSubmitted(queued, Guid.NewGuid(), Guid.NewGuid(), null, "news.example", "b", "text", "Title", now.AddMinutes(-45)));
        await bus.Publish(new ContentClassified(queued, ContentKind.Comment, Verdict.Review, threat, [], "m1", "p1", now.AddMinutes(-44)));
        await bus.Publish(new ArticleSubmitted(article, Guid.NewGuid(), "news.example", "Title", "Body", null, null, null, null, now.AddMinutes(-10)));
        await bus.Publish(new ContentClassified(article, ContentKind.Article, Verdict.Allow, new Dictionary<string, double>(), [], "m1", "p1", now.AddMinutes(-10)));
        await Eventually.GetAsync(() => Api.VerifyAsync(), v => v.Entries == 7, what: "seven audit entries");
        return (queued, removed);
    }

    [Fact]
    public async Task The_overview_serves_the_figures_of_the_known_events()
    {
        var now = DateTimeOffset.UtcNow;
        await PublishKnownSetAsync(now);

        var overview = await Api.GetOverviewAsync(now.AddHours(-2), now.AddMinutes(1));

        Assert.Equal(new SubmissionTotals(3, 1, 2, 1, 2, 0, 0), overview.Totals);
        Assert.Equal(7, overview.LastSequence);
        Assert.Equal(1, overview.Queue.Depth);
        Assert.Equal(1, overview.Queue.PastSla);
        Assert.InRange(overview.Queue.OldestItemAgeSeconds!.Value, 44 * 60, 46 * 60);
        Assert.Equal(new ModeratorFigures("alice", 1, 0, 1, 0), Assert.Single(overview.Moderators));
        Assert.Equal(new ClassifierAgreement(Categories.HarassmentThreatening, "review", 1, 1, 1), Assert.Single(overview.Agreement));
        Assert.Equal(3, overview.TimeToVerdict.Count);
        Assert.Equal(600, overview.TimeToFinalDecision.P50Seconds);

        var again = await Api.GetOverviewAsync(now.AddHours(-2), now.AddMinutes(1));
        Assert.Equal(overview.Totals, again.Totals);
        Assert.Equal(overview.Moderators, again.Moderators);
    }

    [Fact]
    public async Task The_overview_counts_the_decisions_of_the_period_and_says_the_in_memory_bus_has_no_error_queues_to_count()
    {
        var now = DateTimeOffset.UtcNow;
        await PublishKnownSetAsync(now);

        var overview = await Api.GetOverviewAsync(now.AddHours(-2), now.AddMinutes(1));

        Assert.Equal(new DecisionTotals(1, 0, 1, 0, 1, 0), overview.Decisions);
        Assert.False(overview.ErrorQueues.Counted);
        Assert.Equal(0, overview.ErrorQueues.Messages);
        Assert.Empty(overview.ErrorQueues.Queues);
        Assert.Contains("in-memory bus", overview.ErrorQueues.Note, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_csv_export_has_one_row_per_entry_of_the_period_with_formulas_escaped()
    {
        var now = DateTimeOffset.UtcNow;
        var (_, removed) = await PublishKnownSetAsync(now);

        var csv = await Api.ExportCsvAsync(now.AddMinutes(-61), now.AddMinutes(-50));
        var lines = csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);

        Assert.Equal("sequence,occurred_at,event_type,submission_id,actor,data,previous_hash,hash", lines[0]);
        Assert.Equal(3, lines.Length - 1);
        Assert.All(lines.Skip(1), line => Assert.Contains(removed.ToString(), line, StringComparison.Ordinal));
        Assert.StartsWith("1,", lines[1], StringComparison.Ordinal);
        Assert.Contains(",ModerationDecided,", lines[3], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/api/v1/stats/overview?from=2026-11-25T10:00:00Z&to=2026-11-25T09:00:00Z", "to")]
    [InlineData("/api/v1/stats/overview?from=2025-01-01T00:00:00Z&to=2026-11-25T00:00:00Z", "from")]
    [InlineData("/api/v1/audit/export.csv?from=2026-11-25T10:00:00Z&to=2026-11-25T10:00:00Z", "to")]
    [InlineData("/api/v1/audit/export.csv?from=yesterday", "from")]
    public Task A_bad_period_is_a_400_naming_the_field(string path, string field) =>
        BadRequests.AssertNamesFieldAsync(_host, path, field);

    [Theory]
    [InlineData(null, HttpStatusCode.Unauthorized)]
    [InlineData(TestKeys.Moderator, HttpStatusCode.Forbidden)]
    public async Task Only_auditors_read_the_figures_and_the_export(string? key, HttpStatusCode expected)
    {
        var api = _host.Client<IAuditApi>(key);
        Assert.Equal(expected, (await Assert.ThrowsAnyAsync<ApiException>(() => api.GetOverviewAsync())).StatusCode);
        Assert.Equal(expected, (await Assert.ThrowsAnyAsync<ApiException>(() => api.ExportCsvAsync())).StatusCode);
    }

    [Fact]
    public async Task An_entry_edited_in_the_store_makes_verify_name_exactly_that_entry()
    {
        await PublishKnownSetAsync(DateTimeOffset.UtcNow);
        Assert.True((await Api.VerifyAsync()).Ok);

        await using (var connection = await _host.Store.Database.OpenAsync(CancellationToken.None))
        await using (var command = connection.CreateCommand())
        {
            command.CommandText = "UPDATE audit_entries SET data = replace(data, '\"remove\"', '\"approve\"') WHERE sequence = 3";
            Assert.Equal(1, await command.ExecuteNonQueryAsync());
        }

        Assert.Equal(new AuditVerification(false, 3, 3), await Api.VerifyAsync());
    }

    [Theory]
    [InlineData("/dashboard", "dashboard.js")]
    [InlineData("/audit", "audit.js")]
    public async Task The_pages_are_served_without_a_key_under_a_content_security_policy(string path, string script)
    {
        var response = await _host.Http().GetAsync(new Uri(path, UriKind.Relative));
        response.EnsureSuccessStatusCode();
        Assert.Equal("text/html", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal(WebConsolePages.ContentSecurityPolicy, response.Headers.GetValues("Content-Security-Policy").Single());
        Assert.Contains($"src=\"/console/audit/{script}\"", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var scriptResponse = await _host.Http().GetAsync(new Uri($"/console/audit/{script}", UriKind.Relative));
        Assert.Equal("text/javascript", scriptResponse.Content.Headers.ContentType!.MediaType);
    }
}
