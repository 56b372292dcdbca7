using MassTransit;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Moderation.Classification.Consumers;
using Moderation.Classification.Domain;
using Moderation.Classification.Embeddings;
using Moderation.Classification.Endpoints;
using Moderation.Classification.Learning;
using Moderation.Classification.Policy;
using Moderation.Classification.Storage;
using Moderation.Messaging;
using Moderation.Storage;

namespace Moderation.Classification;

public static class ClassificationService
{
    public const string QueueName = "classification";

    public static IHostApplicationBuilder AddClassification(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddOptions<ClassificationOptions>()
            .Bind(builder.Configuration.GetSection(ClassificationOptions.Section))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<ClassificationOptions>, PolicyFileValidation>();
        builder.Services.AddOptions<EncoderOptions>()
            .Bind(builder.Configuration.GetSection(EncoderOptions.Section))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddModerationStore<IClassificationStore, SqliteClassificationStore, MongoClassificationStore>();
        builder.Services.AddModerationStore<ITrainingStore, SqliteTrainingStore, MongoTrainingStore>();
        builder.Services.AddClassificationEngine();
        // Before the bus and the server, which start after every hosted service added earlier has started.
        builder.Services.AddHostedService<EngineWarmUp>();
        builder.Services.AddSingleton<TrainingRuns>();
        builder.Services.AddHostedService<PromotedModelWatcher>();
        builder.Services.AddHostedService<PolicyVersionWatcher>();
        builder.Services.AddModerationConsumers(QueueName, AddConsumers);
        return builder;
    }

    /// <summary>The engine and what the consumers need around it: policy file, model in force, repeat counter, metrics.</summary>
    public static IServiceCollection AddClassificationEngine(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<PolicyProvider>();
        services.AddSingleton<ModelHolder>();
        services.AddOptions<EncoderOptions>();
        services.AddSingleton<SentenceEncoder>();
        services.AddSingleton<ClassificationEngine>();
        services.AddSingleton<RecentTexts>();
        services.AddSingleton<ClassificationMetrics>();
        services.AddSingleton<SubmissionClassification>();
        services.AddSingleton<SingleSubmissions>();
        services.AddScoped<DecisionLearning>();
        return services;
    }

    public static void AddConsumers(IBusRegistrationConfigurator bus)
    {
        ArgumentNullException.ThrowIfNull(bus);
        bus.AddConsumer<ArticleSubmittedConsumer, ArticleSubmittedConsumerDefinition>();
        bus.AddConsumer<CommentSubmittedConsumer, CommentSubmittedConsumerDefinition>();
        bus.AddConsumer<BatchSubmittedConsumer, BatchSubmittedConsumerDefinition>();
        bus.AddConsumer<ModerationDecidedConsumer, ModerationDecidedConsumerDefinition>();
        bus.AddConsumer<BatchDecidedLearningConsumer, BatchDecidedLearningConsumerDefinition>();
    }

    public static IEndpointRouteBuilder MapClassification(this IEndpointRouteBuilder routes)
    {
        ArgumentNullException.ThrowIfNull(routes);
        var options = routes.ServiceProvider.GetRequiredService<IOptions<ClassificationOptions>>().Value;
        routes.MapClassifyEndpoints(options);
        routes.MapTrainingEndpoints(options);
        return routes;
    }
}
