using System.Text.Json;
using System.Text.Json.Serialization;

namespace Moderation.LoadDriver;

public sealed record LatencyFigures(double P50Ms, double P95Ms, double P99Ms, int Samples)
{
    public static LatencyFigures Of(IEnumerable<TimeSpan> latencies)
    {
        var sorted = latencies.Select(l => l.TotalMilliseconds).Order().ToArray();
        return new LatencyFigures(Percentile(sorted, 0.50), Percentile(sorted, 0.95), Percentile(sorted, 0.99), sorted.Length);
    }

    private static double Percentile(double[] sorted, double p) =>
        sorted.Length == 0 ? double.NaN : Math.Round(sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)], 1);
}

/// <summary>Everything one run measured; written as JSON with --json and shown as a table.</summary>
public sealed record LoadReport(
    string Mode,
    double TargetRate,
    double DurationSeconds,
    double? BrokerLimitPerSecond,
    IReadOnlyList<double> BrokerLimitRounds,
    int Submitted,
    int Accepted,
    int Refused,
    int Duplicates,
    double AcceptedPerSecond,
    int Verdicts,
    double VerdictsPerSecond,
    int FinalDecisions,
    int WithoutVerdictSeen,
    LatencyFigures ToAnswer,
    LatencyFigures ToClassified,
    LatencyFigures ToVerdict,
    LatencyFigures ToFinalDecision,
    double? BrokerDeliveriesPerSecond,
    double? DeliveriesPerSubmission,
    double? DeliveriesToBrokerLimit,
    IReadOnlyDictionary<string, int> VerdictMix,
    IReadOnlyDictionary<string, ProcessCpuFigure> CpuWhileSubmitting)
{
    /// <summary>How a report is written with --json and read back by <c>summarize</c>; a percentile of no samples is NaN.</summary>
    public static JsonSerializerOptions JsonOptions { get; } = new()
    {
        WriteIndented = true,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };
}
