using MassTransit;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Moderation.Ingestion.Consumers;
using Moderation.Ingestion.Domain;
using Moderation.Ingestion.Endpoints;
using Moderation.Ingestion.Intake;
using Moderation.Ingestion.Storage;
using Moderation.Messaging;
using Moderation.Storage;

namespace Moderation.Ingestion;

public static class IngestionService
{
    /// <summary>The queue ingestion's consumers read from.</summary>
    public const string QueueName = "ingestion";

    public static IHostApplicationBuilder AddIngestion(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddOptions<IngestionOptions>()
            .Bind(builder.Configuration.GetSection(IngestionOptions.Section))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddModerationStore<ISubmissionStore, SqliteSubmissionStore, MongoSubmissionStore>();
        builder.Services.AddPendingEventSource<ISubmissionStore>(builder.Configuration);
        builder.Services.AddSingleton<IngestionMetrics>();
        builder.Services.AddSingleton<ArticleThreads>();
        builder.Services.AddSingleton<SubmissionIntake>();
        builder.Services.AddSingleton<IdempotentRequests>();
        builder.Services.AddSingleton(sp => new ArticleExtractor(ChromeRules.From(sp.GetRequiredService<IOptions<IngestionOptions>>().Value)));
        builder.Services.AddModerationConsumers(QueueName, AddConsumers);
        return builder;
    }

    public static void AddConsumers(IBusRegistrationConfigurator bus)
    {
        ArgumentNullException.ThrowIfNull(bus);
        bus.TryAddSingleton<StatusUpdates>();
        bus.AddConsumer<SubmissionClassifiedConsumer, SubmissionClassifiedConsumerDefinition>();
        bus.AddConsumer<SubmissionDecidedConsumer, SubmissionDecidedConsumerDefinition>();
        bus.AddConsumer<SubmissionAppealedConsumer, SubmissionAppealedConsumerDefinition>();
        bus.AddConsumer<BatchClassifiedConsumer, BatchClassifiedConsumerDefinition>();
        bus.AddConsumer<BatchDecidedConsumer, BatchDecidedConsumerDefinition>();
    }

    public static IEndpointRouteBuilder MapIngestion(this IEndpointRouteBuilder routes)
    {
        ArgumentNullException.ThrowIfNull(routes);
        var options = routes.ServiceProvider.GetRequiredService<IOptions<IngestionOptions>>().Value;
        routes.MapSubmissionEndpoints(options);
        return routes;
    }
}
