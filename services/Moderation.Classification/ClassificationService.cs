using System.ComponentModel.DataAnnotations;
using System.Diagnostics.Metrics;
using MassTransit;
using Microsoft.Extensions.Options;
using Moderation.Classification.Consumers;
using Moderation.Classification.Domain;
using Moderation.Classification.Endpoints;
using Moderation.Classification.Storage;
using Moderation.ServiceDefaults;

namespace Moderation.Classification;

public sealed class ClassificationOptions
{
    public const string Section = "Classification";

    [Range(1, 10_000_000)]
    public int MaxTextLength { get; set; } = 200_000;

    [Range(1, 1_000)]
    public int MaxSourceLength { get; set; } = 200;

    [Range(1_024, 100_000_000)]
    public long MaxRequestBodyBytes { get; set; } = 1_048_576;
}

public sealed class ClassificationMetrics
{
    public const string MeterName = "Moderation.Classification";

    public ClassificationMetrics(IMeterFactory meterFactory)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        Classified = meterFactory.Create(MeterName)
            .CreateCounter<long>("moderation.submissions.classified", description: "Submissions classified, by kind and verdict.");
    }

    public Counter<long> Classified { get; }
}

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
        builder.Services.AddModerationStore<IClassificationStore, SqliteClassificationStore, MongoClassificationStore>();
        builder.Services.AddSingleton(KeywordClassifier.Default);
        builder.Services.AddSingleton<ClassificationMetrics>();
        builder.Services.AddScoped<SubmissionClassification>();
        builder.Services.AddModerationConsumers(QueueName, AddConsumers);
        return builder;
    }

    public static void AddConsumers(IBusRegistrationConfigurator bus)
    {
        ArgumentNullException.ThrowIfNull(bus);
        bus.AddConsumer<ArticleSubmittedConsumer>().Endpoint(e => e.Name = QueueName);
        bus.AddConsumer<CommentSubmittedConsumer>().Endpoint(e => e.Name = QueueName);
    }

    public static IEndpointRouteBuilder MapClassification(this IEndpointRouteBuilder routes)
    {
        ArgumentNullException.ThrowIfNull(routes);
        routes.MapClassifyEndpoints(routes.ServiceProvider.GetRequiredService<IOptions<ClassificationOptions>>().Value);
        return routes;
    }
}
