using System.Diagnostics;
using Moderation.Client;
using Moderation.Contracts;
using Moderation.Testing;

namespace Moderation.FaultTests;

/// <summary>Real processes, a real broker, real faults; every wait is bounded.</summary>
[Collection(FaultCollection.Name)]
public sealed class ProcessFaultTests
{
    private static readonly TimeSpan Recovery = TimeSpan.FromMinutes(4);

    [SkippableFact]
    public async Task Killing_classification_with_5000_submissions_in_flight_loses_none_and_logs_each_once()
    {
        TestEnvironment.SkipUnlessRabbitMq();
        await using var fleet = await Fleet.StartAsync();
        var ingestion = fleet.Client<IIngestionApi>(Fleet.Ingestion, TestKeys.Submitter);
        var auditor = fleet.Client<IAuditApi>(Fleet.Audit, TestKeys.Auditor);
        var tally = new AuditTally(auditor);
        var failedBefore = (await auditor.GetOverviewAsync()).ErrorQueues;
        Assert.True(failedBefore.Counted, failedBefore.Note);

        var killed = 0;
        var submissions = await Submitter.SubmitCommentsAsync(ingestion, 5_000, inFlight: 48, async sent =>
        {
            if (sent == 2_500 && Interlocked.Exchange(ref killed, 1) == 0)
            {
                await fleet[Fleet.Classification].KillAsync();
            }
        });
        Assert.Equal(1, killed);

        await fleet[Fleet.Classification].StartAsync();
        await WaitForAsync(() => tally.CountAsync(submissions, nameof(ContentClassified)), submissions.Count, fleet, "every verdict in the audit log");

        Assert.All(submissions, s =>
        {
            Assert.Equal(1, tally.Entries(s, nameof(CommentSubmitted)));
            Assert.Equal(1, tally.Entries(s, nameof(ContentClassified)));
        });
        var sample = await Task.WhenAll(submissions.Where((_, i) => i % 50 == 0).Select(s => ingestion.GetSubmissionAsync(s)));
        Assert.All(sample, view => Assert.NotEqual(SubmissionStatus.Received, view.Status));
        Assert.True((await auditor.VerifyAsync()).Ok);

        // The dashboard holds each submission once: the comments and the article they answer, each with
        // one verdict, each verdict the policy decided with one decision, the rest waiting in the queue.
        var overview = await WaitForOverviewAsync(auditor, o => o.Totals.Submissions == submissions.Count + 1 && o.Totals.Pending == 0
            && o.TimeToFinalDecision.Count == o.Totals.Allow + o.Totals.Block, fleet, "every policy decision on the dashboard");
        Assert.Equal((1, submissions.Count), (overview.Totals.Articles, overview.Totals.Comments));
        Assert.Equal(submissions.Count + 1, overview.Totals.Allow + overview.Totals.Review + overview.Totals.Block);
        Assert.Equal(submissions.Count + 1, overview.TimeToVerdict.Count);
        Assert.Equal(overview.Totals.Allow + overview.Totals.Block, overview.Decisions.Decisions);
        Assert.Equal(overview.Decisions.Decisions, overview.Decisions.ByPolicy);
        Assert.Equal(overview.Totals.Review, overview.Queue.Depth);
        Assert.True(overview.ErrorQueues.Counted, overview.ErrorQueues.Note);
        Assert.Equal(failedBefore.Messages, overview.ErrorQueues.Messages);
    }

    [SkippableFact]
    public async Task Restarting_the_broker_mid_run_loses_nothing_and_no_service_needs_a_restart()
    {
        TestEnvironment.SkipUnlessRabbitMq();
        Skip.If(RabbitMqControl.Path is null, "rabbitmqctl is not available to restart the broker.");
        await using var fleet = await Fleet.StartAsync();
        var ingestion = fleet.Client<IIngestionApi>(Fleet.Ingestion, TestKeys.Submitter);
        var tally = new AuditTally(fleet.Client<IAuditApi>(Fleet.Audit, TestKeys.Auditor));

        var restarted = 0;
        var submissions = await Submitter.SubmitCommentsAsync(ingestion, 1_000, inFlight: 16, async sent =>
        {
            if (sent == 300 && Interlocked.Exchange(ref restarted, 1) == 0)
            {
                await RabbitMqControl.RunAsync("stop_app");
                await Task.Delay(TimeSpan.FromSeconds(3));
                await RabbitMqControl.RunAsync("start_app");
            }
        });
        Assert.Equal(1, restarted);

        await WaitForAsync(() => tally.CountAsync(submissions, nameof(ContentClassified)), submissions.Count, fleet, "every verdict after the broker restart");
        Assert.All(submissions, s => Assert.Equal(1, tally.Entries(s, nameof(ContentClassified))));
        Assert.True((await fleet.Client<IAuditApi>(Fleet.Audit, TestKeys.Auditor).VerifyAsync()).Ok);
    }

    private static async Task<StatsOverview> WaitForOverviewAsync(IAuditApi auditor, Func<StatsOverview, bool> done, Fleet fleet, string what)
    {
        var clock = Stopwatch.StartNew();
        var overview = await auditor.GetOverviewAsync();
        while (!done(overview))
        {
            if (clock.Elapsed > Recovery)
            {
                throw new TimeoutException($"Waited {Recovery} for {what}: totals {overview.Totals}, decisions {overview.Decisions}. Service logs: {fleet.LogDirectory}");
            }

            await Task.Delay(500);
            overview = await auditor.GetOverviewAsync();
        }

        return overview;
    }

    private static async Task WaitForAsync(Func<Task<int>> count, int expected, Fleet fleet, string what)
    {
        var clock = Stopwatch.StartNew();
        var seen = await count();
        while (seen < expected)
        {
            if (clock.Elapsed > Recovery)
            {
                throw new TimeoutException($"Waited {Recovery} for {what}: {seen} of {expected}. Service logs: {fleet.LogDirectory}");
            }

            await Task.Delay(500);
            seen = await count();
        }
    }
}

/// <summary>The broker's own control tool, for the test that restarts it.</summary>
public static class RabbitMqControl
{
    public static string? Path => new[] { "/usr/sbin/rabbitmqctl", "/usr/lib/rabbitmq/bin/rabbitmqctl", "/usr/bin/rabbitmqctl" }.FirstOrDefault(File.Exists);

    public static async Task RunAsync(string command)
    {
        var (exitCode, error) = await ExecuteAsync(command);
        Assert.True(exitCode == 0, $"rabbitmqctl {command} failed: {error}");
    }

    /// <summary>Runs a command that a test can do without (rabbitmqctl may lack the rights to the node): false when it failed.</summary>
    public static async Task<bool> TryRunAsync(string command) => Path is not null && (await ExecuteAsync(command)).ExitCode == 0;

    private static async Task<(int ExitCode, string Error)> ExecuteAsync(string command)
    {
        using var process = Process.Start(new ProcessStartInfo(Path!, command) { RedirectStandardOutput = true, RedirectStandardError = true })!;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var error = process.StandardError.ReadToEndAsync(timeout.Token);
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await error);
    }
}
