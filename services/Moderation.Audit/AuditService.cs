using MassTransit;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Moderation.Audit.Consumers;
using Moderation.Audit.Domain.Dashboard;
using Moderation.Audit.Endpoints;
using Moderation.Audit.Keys;
using Moderation.Audit.Storage;
using Moderation.Messaging;
using Moderation.ServiceDefaults;
using Moderation.Storage;
using Moderation.WebConsole;

namespace Moderation.Audit;

public static class AuditService
{
    public const string QueueName = "audit";

    public static IHostApplicationBuilder AddAudit(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddOptions<AuditOptions>()
            .Bind(builder.Configuration.GetSection(AuditOptions.Section))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddSingleton(sp => AuditKeys.Load(sp.GetRequiredService<IOptions<AuditOptions>>().Value, sp.GetRequiredService<ILogger<AuditKeys>>()));
        builder.Services.AddSingleton(sp => sp.GetRequiredService<AuditKeys>().Chain);
        builder.Services.AddSingleton(sp => sp.GetRequiredService<AuditKeys>().Checkpoint);
        builder.Services.AddSingleton(new StartupBannerLine(sp => sp.GetRequiredService<AuditKeys>().Description));
        builder.Services.AddModerationStore<IAuditLog, SqliteAuditLog, MongoAuditLog>();
        builder.Services.AddSingleton<DashboardProjection>();
        builder.Services.AddSingleton<ErrorQueueGauge>();
        builder.Services.AddModerationConsumers(QueueName, AddConsumers);
        return builder;
    }

    public static void AddConsumers(IBusRegistrationConfigurator bus)
    {
        ArgumentNullException.ThrowIfNull(bus);
        bus.TryAddSingleton<AuditAppender>();
        bus.AddConsumer<AuditTrailConsumer, AuditTrailConsumerDefinition>();
    }

    public static IEndpointRouteBuilder MapAudit(this IEndpointRouteBuilder routes)
    {
        routes.MapAuditEndpoints();
        routes.MapWebConsole("audit", typeof(AuditService).Assembly, new Dictionary<string, string>
        {
            ["/dashboard"] = "dashboard.html",
            ["/audit"] = "audit.html",
        });
        return routes;
    }
}
