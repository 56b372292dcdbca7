using System.ComponentModel;
using System.Globalization;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Moderation.LoadDriver;

public sealed class SummarizeSettings : CommandSettings
{
    [CommandArgument(0, "<REPORTS>"), Description("The --json files of the runs, one per run.")]
    public string[] Reports { get; init; } = [];

    public override ValidationResult Validate() =>
        Reports.Length == 0 ? ValidationResult.Error("Name at least one report.")
        : Reports.FirstOrDefault(r => !File.Exists(r)) is { } missing ? ValidationResult.Error($"No report at \"{missing}\".")
        : ValidationResult.Success();
}

/// <summary>One line per run and the series' medians: <c>moderation-load summarize artifacts/series/*.json</c>.</summary>
public sealed class SummarizeCommand : AsyncCommand<SummarizeSettings>
{
    public override async Task<int> ExecuteAsync(CommandContext context, SummarizeSettings settings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var reports = await RunSeries.ReadAsync(settings.Reports, cancellationToken);
        var table = new Table()
            .AddColumn("Run")
            .AddColumn("Mode")
            .AddColumn(new TableColumn("Accepted/s").RightAligned())
            .AddColumn(new TableColumn("Verdict p99 (ms)").RightAligned())
            .AddColumn(new TableColumn("Broker limit/s").RightAligned())
            .AddColumn(new TableColumn("Deliveries/s").RightAligned())
            .AddColumn(new TableColumn("÷ limit").RightAligned())
            .AddColumn(new TableColumn("No verdict / no decision").RightAligned());
        for (var index = 0; index < reports.Count; index++)
        {
            var report = reports[index];
            table.AddRow(
                Markup.Escape(Path.GetFileName(settings.Reports[index])),
                Markup.Escape(report.Mode),
                Text(report.AcceptedPerSecond),
                Text(report.ToVerdict.P99Ms),
                Text(report.BrokerLimitPerSecond),
                Text(report.BrokerDeliveriesPerSecond),
                Text(report.DeliveriesToBrokerLimit),
                $"{report.WithoutVerdictSeen} / {report.Accepted - report.FinalDecisions}");
        }

        AnsiConsole.Write(table);
        var series = RunSeries.Of(reports);
        AnsiConsole.WriteLine(Describe(series));
        return 0;
    }

    /// <summary>The series in one line, as docs/performance.md quotes it.</summary>
    public static string Describe(RunSeries series)
    {
        ArgumentNullException.ThrowIfNull(series);
        var throughput = string.Create(CultureInfo.InvariantCulture,
            $"{series.Runs} runs: accepted/s median {series.MedianAcceptedPerSecond} ({series.MinAcceptedPerSecond} to {series.MaxAcceptedPerSecond})");
        var ratio = series.MedianDeliveriesToBrokerLimit is { } median
            ? string.Create(CultureInfo.InvariantCulture,
                $"; deliveries ÷ limit median {median} ({series.MinDeliveriesToBrokerLimit} to {series.MaxDeliveriesToBrokerLimit}), {series.RunsAtHalfTheLimit} of {series.RunsWithRatio} at {RunSeries.TargetRatio} or more")
            : "; no broker limit measured";
        return $"{throughput}{ratio}; without verdict {series.WithoutVerdictSeen}, without final decision {series.WithoutFinalDecision}";
    }

    private static string Text(double? value) => value is { } v ? v.ToString(CultureInfo.InvariantCulture) : "n/a";
}
