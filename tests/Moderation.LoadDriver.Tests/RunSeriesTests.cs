using System.Text.Json;

namespace Moderation.LoadDriver.Tests;

/// <summary>A target is judged on a series of runs: their median, and how many runs reached it.</summary>
public sealed class RunSeriesTests
{
    [Fact]
    public void The_series_reports_the_median_ratio_and_how_many_runs_reached_half_the_limit()
    {
        var series = RunSeries.Of([Run(400, 0.56), Run(380, 0.42), Run(500, 0.61), Run(450, 0.50)]);

        Assert.Equal(4, series.Runs);
        Assert.Equal(425, series.MedianAcceptedPerSecond);
        Assert.Equal(0.53, series.MedianDeliveriesToBrokerLimit);
        Assert.Equal(0.42, series.MinDeliveriesToBrokerLimit);
        Assert.Equal(0.61, series.MaxDeliveriesToBrokerLimit);
        Assert.Equal(3, series.RunsAtHalfTheLimit);
        Assert.Equal(4, series.RunsWithRatio);
    }

    [Fact]
    public void A_run_without_a_broker_limit_counts_for_throughput_but_not_for_the_ratio()
    {
        var series = RunSeries.Of([Run(400.1, 0.44), Run(600, null), Run(420.2, 0.48), Run(380, 0.47)]);

        Assert.Equal(410.2, series.MedianAcceptedPerSecond);
        Assert.Equal(3, series.RunsWithRatio);
        Assert.Equal(0.47, series.MedianDeliveriesToBrokerLimit);
        Assert.Equal(0, series.RunsAtHalfTheLimit);
        Assert.StartsWith("4 runs: accepted/s median 410.2 (380 to 600); deliveries ÷ limit median 0.47 (0.44 to 0.48), 0 of 3 at 0.5 or more",
            SummarizeCommand.Describe(series), StringComparison.Ordinal);
    }

    [Fact]
    public void Submissions_that_never_reached_their_verdict_or_decision_are_added_up_over_the_series()
    {
        var series = RunSeries.Of([Run(400, 0.5, withoutVerdict: 2, withoutDecision: 3), Run(400, 0.5, withoutVerdict: 1, withoutDecision: 1)]);

        Assert.Equal(3, series.WithoutVerdictSeen);
        Assert.Equal(4, series.WithoutFinalDecision);
        Assert.EndsWith("without verdict 3, without final decision 4", SummarizeCommand.Describe(series), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Summarize_reads_the_reports_runs_write_including_percentiles_of_no_samples()
    {
        var directory = Directory.CreateTempSubdirectory("moderation-series-");
        try
        {
            var path = Path.Combine(directory.FullName, "run-1.json");
            var written = Run(412.5, 0.51) with { ToClassified = LatencyFigures.Of([]) };
            await File.WriteAllTextAsync(path, JsonSerializer.Serialize(written, LoadReport.JsonOptions));

            var read = Assert.Single(await RunSeries.ReadAsync([path], CancellationToken.None));

            Assert.Equal(412.5, read.AcceptedPerSecond);
            Assert.Equal(0.51, read.DeliveriesToBrokerLimit);
            Assert.True(double.IsNaN(read.ToClassified.P99Ms));
            Assert.Equal(0.4, read.CpuWhileSubmitting["rabbitmq"].Cores);
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    private static LoadReport Run(double acceptedPerSecond, double? ratio, int withoutVerdict = 0, int withoutDecision = 0)
    {
        var accepted = (int)(acceptedPerSecond * 20);
        var latency = new LatencyFigures(100, 200, 300, accepted);
        return new LoadReport("single", 0, 20, ratio is null ? null : 6_000, ratio is null ? [] : [6_000],
            accepted, accepted, 0, 0, acceptedPerSecond, accepted - withoutVerdict, acceptedPerSecond, accepted - withoutDecision, withoutVerdict,
            latency, latency, latency, latency, ratio * 6_000, 9, ratio, new Dictionary<string, int> { ["allow"] = accepted },
            new Dictionary<string, ProcessCpuFigure> { ["rabbitmq"] = new(0.4, 1.0) });
    }
}
