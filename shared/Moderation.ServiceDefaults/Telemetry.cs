using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Moderation.Contracts;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Moderation.ServiceDefaults;

public static class Telemetry
{
    /// <summary>Every service names its ActivitySource and Meter under this prefix.</summary>
    public const string SourcePrefix = "Moderation.";

    /// <summary>Tag put on every span that works on one submission, so a trace can be searched by it.</summary>
    public const string SubmissionIdTag = "moderation.submission_id";

    /// <summary>Tag put on a span that works on a batch message, with the message's batch id.</summary>
    public const string BatchIdTag = "moderation.batch_id";

    /// <summary>
    /// Tag put on a span that works on many submissions at once (a batch message, a batch call):
    /// the ids of all of them, as an array, so a trace is found by any one of them.
    /// </summary>
    public const string SubmissionIdsTag = "moderation.submission_ids";

    public static void TagBatch(BatchSubmitted batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        TagSubmissions(batch.BatchId, [.. batch.Articles.Select(a => a.SubmissionId), .. batch.Comments.Select(c => c.SubmissionId)]);
    }

    public static void TagBatch(BatchClassified batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        TagSubmissions(batch.BatchId, [.. batch.Results.Select(r => r.SubmissionId)]);
    }

    public static void TagBatch(BatchDecided batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        TagSubmissions(batch.BatchId, [.. batch.Decisions.Select(d => d.SubmissionId)]);
    }

    /// <summary>Tags the current span with the submissions it works on; <paramref name="batchId"/> is null for a batch call, which may send several messages.</summary>
    public static void TagSubmissions(Guid? batchId, IReadOnlyCollection<Guid> submissionIds)
    {
        ArgumentNullException.ThrowIfNull(submissionIds);
        if (Activity.Current is not { IsAllDataRequested: true } span)
        {
            return;
        }

        if (batchId is { } id)
        {
            span.SetTag(BatchIdTag, id);
        }

        span.SetTag(SubmissionIdsTag, submissionIds.Select(s => s.ToString()).ToArray());
    }

    /// <summary>
    /// The name of MassTransit's ActivitySource and Meter (its <c>DiagnosticHeaders.DefaultListenerName</c>
    /// and <c>InstrumentationOptions.MeterName</c>), named here so hosting needs no reference to the bus.
    /// </summary>
    public const string MassTransitSource = "MassTransit";

    /// <summary>The setting that names the OpenTelemetry collector traces, metrics and logs are sent to.</summary>
    public const string OtlpEndpointKey = "OTEL_EXPORTER_OTLP_ENDPOINT";

    /// <summary>
    /// Metrics always (Prometheus scrapes <c>/metrics</c>); traces and OpenTelemetry's log records only
    /// when a collector is named by <c>OTEL_EXPORTER_OTLP_ENDPOINT</c>. Without one, nothing could
    /// ever read them, yet the SDK would create and record every span of every message: about a
    /// tenth of the pipeline's throughput on the two-core machine. With a collector, the standard
    /// <c>OTEL_TRACES_SAMPLER</c> and <c>OTEL_TRACES_SAMPLER_ARG</c> settings choose how many
    /// traces are kept (every one by default).
    /// </summary>
    public static IHostApplicationBuilder AddModerationTelemetry(this IHostApplicationBuilder builder, string serviceName)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var telemetry = builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(serviceName))
            .WithMetrics(metrics => metrics
                .AddMeter(SourcePrefix + "*")
                .AddMeter(MassTransitSource)
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddRuntimeInstrumentation()
                .AddPrometheusExporter());
        if (string.IsNullOrWhiteSpace(builder.Configuration[OtlpEndpointKey]))
        {
            return builder;
        }

        builder.Logging.AddOpenTelemetry(logging =>
        {
            logging.IncludeFormattedMessage = true;
            logging.IncludeScopes = true;
        });
        telemetry
            .WithTracing(tracing => tracing
                .AddSource(SourcePrefix + "*")
                .AddSource(MassTransitSource)
                .AddAspNetCoreInstrumentation(o => o.Filter = context =>
                    !context.Request.Path.StartsWithSegments("/health") &&
                    !context.Request.Path.StartsWithSegments("/metrics"))
                .AddHttpClientInstrumentation())
            .UseOtlpExporter();
        return builder;
    }
}
