using System.Diagnostics;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Moderation.ServiceDefaults;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace Moderation.IntegrationTests;

public sealed class TelemetryTests
{
    [Fact]
    public async Task Without_a_collector_a_service_records_no_spans_but_keeps_its_metrics()
    {
        await using var app = Build([]);

        Assert.Null(app.Services.GetService<TracerProvider>());
        Assert.NotNull(app.Services.GetService<MeterProvider>());
    }

    [Fact]
    public async Task With_a_collector_named_a_service_records_its_spans()
    {
        await using var app = Build([$"--{Telemetry.OtlpEndpointKey}=http://127.0.0.1:4317"]);

        Assert.NotNull(app.Services.GetService<TracerProvider>());
        using var source = new ActivitySource(Telemetry.SourcePrefix + "Probe");
        Assert.True(source.HasListeners());
    }

    private static WebApplication Build(string[] args)
    {
        var builder = ServiceBuilder.Create(args);
        builder.AddModerationTelemetry("moderation-telemetry-test");
        return builder.Build();
    }
}
