using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using RabbitMQ.Client;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Moderation.LoadDriver;

public sealed class LoadSettings : CommandSettings
{
    [CommandOption("--ingestion <URL>"), Description("Ingestion's base address.")]
    public string IngestionUrl { get; init; } = "http://127.0.0.1:5081";

    [CommandOption("--review <URL>"), Description("Review's base address (the driver's moderator works there).")]
    public string ReviewUrl { get; init; } = "http://127.0.0.1:5083";

    [CommandOption("--submitter-key <KEY>"), Description("A submitter's key (the demo publisher townhall's ingest client by default).")]
    public string SubmitterKey { get; init; } = "dev-submitter-key";

    [CommandOption("--moderator-key <KEY>"), Description("A moderator's own key (the demo moderator alice's by default).")]
    public string ModeratorKey { get; init; } = "dev-alice-key";

    [CommandOption("--mode <MODE>"), Description("single (one HTTP call per submission) or batch (NDJSON batches).")]
    public string Mode { get; init; } = "single";

    [CommandOption("--batch-size <LINES>")]
    public int BatchSize { get; init; } = 100;

    [CommandOption("--rate <PER_SECOND>"), Description("Submissions per second; 0 sends as fast as the concurrency allows.")]
    public double Rate { get; init; }

    [CommandOption("--duration <SECONDS>")]
    public double DurationSeconds { get; init; } = 20;

    [CommandOption("--concurrency <CALLS>"), Description("HTTP calls in flight at most.")]
    public int Concurrency { get; init; } = 32;

    [CommandOption("--review-share <FRACTION>"), Description("Share of comments written to need a moderator.")]
    public double ReviewShare { get; init; } = 0.1;

    [CommandOption("--warmup <SECONDS>"), Description("How long to drive the pipeline at the same rate before measuring, so that the services' code is compiled and their caches filled; 0 skips it.")]
    public double WarmupSeconds { get; init; } = 15;

    [CommandOption("--drain <SECONDS>"), Description("How long to wait for the last verdicts and decisions.")]
    public double DrainSeconds { get; init; } = 30;

    [CommandOption("--rabbitmq <HOST>")]
    public string RabbitHost { get; init; } = "127.0.0.1";

    [CommandOption("--vhost <VHOST>")]
    public string VirtualHost { get; init; } = "/";

    [CommandOption("--rabbitmq-user <USER>")]
    public string RabbitUser { get; init; } = "guest";

    [CommandOption("--rabbitmq-password <PASSWORD>")]
    public string RabbitPassword { get; init; } = "guest";

    [CommandOption("--management <URL>"), Description("RabbitMQ management API, for the broker's delivery count.")]
    public string ManagementUrl { get; init; } = "http://127.0.0.1:15672";

    [CommandOption("--baseline-seconds <SECONDS>"), Description("How long each round measuring the broker's own limit lasts; 0 skips the measurement.")]
    public double BaselineSeconds { get; init; } = 5;

    [CommandOption("--baseline-rounds <ROUNDS>"), Description("Rounds measuring the broker's own limit; their median is the limit.")]
    public int BaselineRounds { get; init; } = 3;

    [CommandOption("--json <FILE>"), Description("Also write the figures to this file.")]
    public string? JsonPath { get; init; }

    [CommandOption("--process <NAME=PID>"), Description("A process whose CPU time to report over the measured phase (a service, the broker); repeat for each.")]
    public string[] Processes { get; init; } = [];

    public override ValidationResult Validate() =>
        Mode is not ("single" or "batch") ? ValidationResult.Error("--mode is single or batch.")
        : DurationSeconds is <= 0 or > 3600 ? ValidationResult.Error("--duration is between 0 and 3600 seconds.")
        : WarmupSeconds is < 0 or > 600 ? ValidationResult.Error("--warmup is between 0 and 600 seconds.")
        : BaselineSeconds is < 0 or > 600 ? ValidationResult.Error("--baseline-seconds is between 0 and 600.")
        : BaselineRounds is < 1 or > 20 ? ValidationResult.Error("--baseline-rounds is between 1 and 20.")
        : Concurrency is < 1 or > 1024 ? ValidationResult.Error("--concurrency is between 1 and 1024.")
        : BatchSize is < 1 or > 1000 ? ValidationResult.Error("--batch-size is between 1 and 1000.")
        : ReviewShare is < 0 or > 1 ? ValidationResult.Error("--review-share is between 0 and 1.")
        : Processes.FirstOrDefault(p => !ProcessCpu.IsSpec(p)) is { } process ? ValidationResult.Error($"--process takes name=pid, not \"{process}\".")
        : ValidationResult.Success();
}

public sealed class LoadCommand : AsyncCommand<LoadSettings>
{
    public override async Task<int> ExecuteAsync(CommandContext context, LoadSettings settings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var factory = new ConnectionFactory
        {
            HostName = settings.RabbitHost,
            VirtualHost = settings.VirtualHost,
            UserName = settings.RabbitUser,
            Password = settings.RabbitPassword,
        };

        var cpu = ProcessCpu.Parse(settings.Processes);
        double? brokerLimit = null;
        IReadOnlyList<double> brokerLimitRounds = [];
        if (settings.BaselineSeconds > 0)
        {
            await AnsiConsole.Status().StartAsync("Measuring the broker's own limit (persistent 2 KB, confirms, manual acks)...", async _ =>
                (brokerLimit, brokerLimitRounds) = await BrokerBaseline.MeasureRoundsAsync(
                    factory, settings.BaselineRounds, TimeSpan.FromSeconds(settings.BaselineSeconds), 2_048, cancellationToken));
            AnsiConsole.MarkupLine(CultureInfo.InvariantCulture, "Broker limit: [bold]{0:N0}[/] messages/s (median of {1})", brokerLimit ?? 0,
                string.Join(", ", brokerLimitRounds.Select(r => r.ToString("N0", CultureInfo.InvariantCulture))));
        }

        using var ingestion = new HttpClient { BaseAddress = new Uri(settings.IngestionUrl), Timeout = TimeSpan.FromSeconds(30) };
        using var review = new HttpClient { BaseAddress = new Uri(settings.ReviewUrl), Timeout = TimeSpan.FromSeconds(30) };
        using var management = new HttpClient { BaseAddress = new Uri(settings.ManagementUrl), Timeout = TimeSpan.FromSeconds(5) };
        management.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic",
            Convert.ToBase64String(Encoding.UTF8.GetBytes($"{settings.RabbitUser}:{settings.RabbitPassword}")));

        var clock = Stopwatch.StartNew();
        await using var watch = await EventWatch.StartAsync(factory, clock, cancellationToken);
        var runTag = ContentMix.NewRunTag();
        var run = new PipelineRun(settings, new ContentMix(seed: 7, settings.ReviewShare, runTag), clock);
        using var stopModerating = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var moderator = run.ModerateAsync(review, stopModerating.Token);
        if (settings.WarmupSeconds > 0)
        {
            // Freshly started services run their first seconds on unoptimised code: measured cold, a
            // run reports the JIT compiler. The warm-up's submissions are followed no further.
            var warmup = new PipelineRun(settings, new ContentMix(seed: 8, settings.ReviewShare, runTag + "-warmup"), clock);
            await AnsiConsole.Progress().StartAsync(async progress =>
            {
                var warming = progress.AddTask($"Warming up ({settings.Mode})");
                await warmup.SubmitAsync(ingestion, TimeSpan.FromSeconds(settings.WarmupSeconds), fraction => warming.Value = fraction * 100, cancellationToken);
                var settling = progress.AddTask("Letting the warm-up's verdicts arrive");
                var settleEnd = clock.Elapsed + TimeSpan.FromSeconds(settings.DrainSeconds);
                while (clock.Elapsed < settleEnd && !warmup.SentAt.Keys.All(watch.Verdicts.ContainsKey))
                {
                    await Task.Delay(200, cancellationToken);
                }

                settling.Value = 100;
            });

            // The management API refreshes its counters every few seconds: let the warm-up's deliveries settle there.
            await Task.Delay(TimeSpan.FromSeconds(6), cancellationToken);
        }

        var deliveriesBefore = await BrokerDeliveries.CountAsync(management, settings.VirtualHost, cancellationToken);
        var deliveries = new BrokerDeliveries();
        using var stopCounting = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var counting = deliveries.PollAsync(management, settings.VirtualHost, clock, stopCounting.Token);
        var runStarted = clock.Elapsed;
        cpu.Start();
        TimeSpan submitEnded = default;
        IReadOnlyDictionary<string, ProcessCpuFigure> cpuWhileSubmitting = new Dictionary<string, ProcessCpuFigure>();
        await AnsiConsole.Progress().StartAsync(async progress =>
        {
            var submitting = progress.AddTask($"Submitting ({settings.Mode})");
            await run.SubmitAsync(ingestion, TimeSpan.FromSeconds(settings.DurationSeconds), fraction => submitting.Value = fraction * 100, cancellationToken);
            submitEnded = clock.Elapsed;
            cpuWhileSubmitting = cpu.Stop(submitEnded - runStarted, run.SentAt.Count);
            await stopCounting.CancelAsync();
            await counting;
            var verdicts = progress.AddTask("Waiting for verdicts and decisions");
            var drainEnd = clock.Elapsed + TimeSpan.FromSeconds(settings.DrainSeconds);
            while (clock.Elapsed < drainEnd && !run.SentAt.Keys.All(id => watch.FinalDecisions.ContainsKey(id)))
            {
                verdicts.Value = 100.0 * run.SentAt.Keys.Count(watch.FinalDecisions.ContainsKey) / Math.Max(1, run.SentAt.Count);
                await Task.Delay(200, cancellationToken);
            }

            verdicts.Value = 100;
        });
        // The management API refreshes its counters every few seconds: let it catch up with the run.
        await Task.Delay(TimeSpan.FromSeconds(6), cancellationToken);
        var deliveriesAfter = await BrokerDeliveries.CountAsync(management, settings.VirtualHost, cancellationToken);
        await stopModerating.CancelAsync();
        await moderator;

        var report = Summarise(settings, run, watch, (brokerLimit, brokerLimitRounds), runStarted, submitEnded,
            deliveries.RateBetween(runStarted, submitEnded), deliveriesBefore, deliveriesAfter, cpuWhileSubmitting);
        Show(report);
        if (settings.JsonPath is not null)
        {
            await File.WriteAllTextAsync(settings.JsonPath, JsonSerializer.Serialize(report, LoadReport.JsonOptions), cancellationToken);
            AnsiConsole.MarkupLineInterpolated($"Figures written to [bold]{settings.JsonPath}[/].");
        }

        return report.WithoutVerdictSeen == 0 ? 0 : 1;
    }

    private static LoadReport Summarise(LoadSettings settings, PipelineRun run, EventWatch watch, (double? Median, IReadOnlyList<double> Rounds) brokerLimit,
        TimeSpan runStarted, TimeSpan submitEnded, double? deliveriesPerSecond, long? deliveriesBefore, long? deliveriesAfter,
        IReadOnlyDictionary<string, ProcessCpuFigure> cpu)
    {
        var accepted = run.SentAt.ToArray();
        var verdicts = accepted.Where(a => watch.Verdicts.ContainsKey(a.Key)).ToArray();
        var decided = accepted.Where(a => watch.FinalDecisions.ContainsKey(a.Key)).ToArray();
        var submitSeconds = (submitEnded - runStarted).TotalSeconds;
        var lastVerdict = verdicts.Length == 0 ? submitEnded : verdicts.Max(v => watch.Verdicts[v.Key].At);
        var pipelineSeconds = (lastVerdict - runStarted).TotalSeconds;
        double? deliveriesPerSubmission = deliveriesBefore is { } before && deliveriesAfter is { } after && accepted.Length > 0
            ? Math.Round((after - before) / (double)accepted.Length, 2)
            : null;
        return new LoadReport(
            settings.Mode,
            settings.Rate,
            Math.Round(submitSeconds, 1),
            brokerLimit.Median is { } limit ? Math.Round(limit) : null,
            [.. brokerLimit.Rounds.Select(r => Math.Round(r))],
            run.Submitted,
            accepted.Length,
            run.Refused,
            run.Duplicates,
            Math.Round(accepted.Length / submitSeconds, 1),
            verdicts.Length,
            Math.Round(verdicts.Length / Math.Max(pipelineSeconds, 0.001), 1),
            decided.Length,
            accepted.Length - verdicts.Length,
            LatencyFigures.Of(run.AnswerTimes),
            LatencyFigures.Of(verdicts.Where(v => watch.ClassifiedAt.ContainsKey(v.Key) && run.SentAtWallClock.ContainsKey(v.Key))
                .Select(v => watch.ClassifiedAt[v.Key] - run.SentAtWallClock[v.Key])),
            LatencyFigures.Of(verdicts.Select(v => watch.Verdicts[v.Key].At - v.Value)),
            LatencyFigures.Of(decided.Select(d => watch.FinalDecisions[d.Key] - d.Value)),
            deliveriesPerSecond is { } rate ? Math.Round(rate) : null,
            deliveriesPerSubmission,
            deliveriesPerSecond is { } perSecond && brokerLimit.Median is { } brokerMax && brokerMax > 0 ? Math.Round(perSecond / brokerMax, 2) : null,
            verdicts.GroupBy(v => watch.Verdicts[v.Key].Verdict).ToDictionary(g => g.Key, g => g.Count()),
            cpu);
    }

    private static void Show(LoadReport report)
    {
        var table = new Table().AddColumn("Figure").AddColumn(new TableColumn("Value").RightAligned());
        void Row(string name, object? value) => table.AddRow(name, Markup.Escape(Convert.ToString(value, CultureInfo.InvariantCulture) ?? "n/a"));
        Row("mode", report.Mode);
        Row("broker limit (msg/s), median of rounds", report.BrokerLimitRounds.Count == 0 ? null : $"{report.BrokerLimitPerSecond} ({string.Join(", ", report.BrokerLimitRounds)})");
        Row("submitted / accepted / refused / duplicates", $"{report.Submitted} / {report.Accepted} / {report.Refused} / {report.Duplicates}");
        Row("accepted per second", report.AcceptedPerSecond);
        Row("verdicts per second (end to end)", report.VerdictsPerSecond);
        Row("verdicts / final decisions / no verdict seen", $"{report.Verdicts} / {report.FinalDecisions} / {report.WithoutVerdictSeen}");
        Row("HTTP call to its answer p50 / p95 / p99 (ms)", $"{report.ToAnswer.P50Ms} / {report.ToAnswer.P95Ms} / {report.ToAnswer.P99Ms}");
        Row("HTTP call to classified, classifier's clock, p50 / p95 / p99 (ms)", $"{report.ToClassified.P50Ms} / {report.ToClassified.P95Ms} / {report.ToClassified.P99Ms}");
        Row("HTTP call to verdict p50 / p95 / p99 (ms)", $"{report.ToVerdict.P50Ms} / {report.ToVerdict.P95Ms} / {report.ToVerdict.P99Ms}");
        Row("HTTP call to final decision p50 / p95 / p99 (ms)", $"{report.ToFinalDecision.P50Ms} / {report.ToFinalDecision.P95Ms} / {report.ToFinalDecision.P99Ms}");
        Row("broker deliveries per second while submitting", report.BrokerDeliveriesPerSecond);
        Row("broker deliveries per submission", report.DeliveriesPerSubmission);
        Row("deliveries / broker limit", report.DeliveriesToBrokerLimit);
        Row("verdict mix", string.Join(", ", report.VerdictMix.Select(v => $"{v.Key} {v.Value}")));
        if (report.CpuWhileSubmitting.Count > 0)
        {
            Row("CPU while submitting, cores (ms per submission)",
                string.Join(", ", report.CpuWhileSubmitting.Select(p => $"{p.Key} {p.Value.Cores.ToString(CultureInfo.InvariantCulture)} ({p.Value.MsPerSubmission.ToString(CultureInfo.InvariantCulture)})")));
        }
        AnsiConsole.Write(table);
    }
}
