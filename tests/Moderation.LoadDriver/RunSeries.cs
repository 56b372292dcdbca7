using System.Text.Json;

namespace Moderation.LoadDriver;

/// <summary>
/// What several runs of the same command measured together. On a small shared machine one run's
/// figures move by a fifth from one run to the next, so a target is judged on a series: the median
/// and how many runs reached it, not the best or the last run.
/// </summary>
public sealed record RunSeries(
    int Runs,
    double MedianAcceptedPerSecond,
    double MinAcceptedPerSecond,
    double MaxAcceptedPerSecond,
    int RunsWithRatio,
    double? MedianDeliveriesToBrokerLimit,
    double? MinDeliveriesToBrokerLimit,
    double? MaxDeliveriesToBrokerLimit,
    int RunsAtHalfTheLimit,
    int WithoutVerdictSeen,
    int WithoutFinalDecision)
{
    /// <summary>The target: the pipeline's deliveries at half the broker's own limit or more.</summary>
    public const double TargetRatio = 0.5;

    /// <summary>Runs without a broker limit (baseline skipped) count for throughput, not for the ratio.</summary>
    public static RunSeries Of(IReadOnlyList<LoadReport> reports)
    {
        ArgumentNullException.ThrowIfNull(reports);
        ArgumentOutOfRangeException.ThrowIfZero(reports.Count);
        var accepted = reports.Select(r => r.AcceptedPerSecond).ToList();
        var ratios = reports.Where(r => r.DeliveriesToBrokerLimit is not null).Select(r => r.DeliveriesToBrokerLimit!.Value).ToList();
        return new RunSeries(
            reports.Count,
            Math.Round(BrokerBaseline.Median(accepted), 1),
            accepted.Min(),
            accepted.Max(),
            ratios.Count,
            ratios.Count == 0 ? null : Math.Round(BrokerBaseline.Median(ratios), 3),
            ratios.Count == 0 ? null : ratios.Min(),
            ratios.Count == 0 ? null : ratios.Max(),
            ratios.Count(r => r >= TargetRatio),
            reports.Sum(r => r.WithoutVerdictSeen),
            reports.Sum(r => r.Accepted - r.FinalDecisions));
    }

    /// <summary>Reads the reports a series of runs wrote with <c>--json</c>.</summary>
    public static async Task<IReadOnlyList<LoadReport>> ReadAsync(IEnumerable<string> paths, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(paths);
        var reports = new List<LoadReport>();
        foreach (var path in paths)
        {
            await using var file = File.OpenRead(path);
            reports.Add(await JsonSerializer.DeserializeAsync<LoadReport>(file, LoadReport.JsonOptions, cancellationToken)
                ?? throw new InvalidDataException($"{path} holds no load report."));
        }

        return reports;
    }
}
