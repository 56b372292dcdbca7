using System.ComponentModel.DataAnnotations;
using System.Diagnostics.Metrics;
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
using Moderation.ServiceDefaults;
using Moderation.Storage;
using Moderation.WebConsole;

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

    /// <summary>Lines in one <c>/classify/batch</c> body.</summary>
    [Range(1, 100_000)]
    public int MaxBatchLines { get; set; } = 1_000;

    [Range(1, 1_000_000)]
    public int MaxTrainingLines { get; set; } = 10_000;

    [Range(1_024, 1_000_000_000)]
    public long MaxTrainingBodyBytes { get; set; } = 16_777_216;

    /// <summary>Examples a training run learns from at most: the newest ones, so a site's latest judgements win.</summary>
    [Range(TrainingRuns.MinimumExamples, 10_000_000)]
    public int MaxTrainingExamples { get; set; } = 100_000;

    public const string DefaultPolicyPath = "policy/default-policy.yaml";

    /// <summary>The policy file; a relative path is read beside the binaries, then from the working directory. Reloaded on change.</summary>
    public string PolicyPath { get; set; } = DefaultPolicyPath;

    /// <summary>How often a replica looks for a model promoted elsewhere.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan ModelRefreshInterval { get; set; } = TimeSpan.FromSeconds(30);
}

public sealed class ClassificationMetrics
{
    public const string MeterName = "Moderation.Classification";

    public ClassificationMetrics(IMeterFactory meterFactory)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        var meter = meterFactory.Create(MeterName);
        Classified = meter.CreateCounter<long>("moderation.submissions.classified", description: "Submissions classified, by kind and verdict.");
        EncodedTexts = meter.CreateCounter<long>("moderation.encoder.texts", description: "Texts the sentence encoder read.");
        EncodedWindows = meter.CreateCounter<long>("moderation.encoder.windows", description: "Windows the sentence encoder read (a long text is several).");
        ScreenedTexts = meter.CreateCounter<long>("moderation.encoder.screened", description: "Texts the cascade settled without the encoder; with moderation.encoder.texts, the share the encoder sees.");
        EncoderSeconds = meter.CreateHistogram<double>("moderation.encoder.duration", unit: "s", description: "Time of one encoder call, for one text or a batch.");
    }

    public Counter<long> Classified { get; }

    public Counter<long> EncodedTexts { get; }

    public Counter<long> EncodedWindows { get; }

    public Counter<long> ScreenedTexts { get; }

    public Histogram<double> EncoderSeconds { get; }
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
        builder.Services.AddSingleton<IValidateOptions<ClassificationOptions>, PolicyFileValidation>();
        builder.Services.AddOptions<EncoderOptions>()
            .Bind(builder.Configuration.GetSection(EncoderOptions.Section))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddModerationStore<IClassificationStore, SqliteClassificationStore, MongoClassificationStore>();
        builder.Services.AddModerationStore<ITrainingStore, SqliteTrainingStore, MongoTrainingStore>();
        builder.Services.AddClassificationEngine();
        builder.Services.AddSingleton<TrainingRuns>();
        builder.Services.AddHostedService<PromotedModelWatcher>();
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
        bus.AddConsumer<ArticleSubmittedConsumer>().Endpoint(e => e.Name = QueueName);
        bus.AddConsumer<CommentSubmittedConsumer>().Endpoint(e => e.Name = QueueName);
        bus.AddConsumer<BatchSubmittedConsumer>().Endpoint(e => e.Name = QueueName);
        bus.AddConsumer<ModerationDecidedConsumer>().Endpoint(e => e.Name = QueueName);
        bus.AddConsumer<BatchDecidedConsumer>().Endpoint(e => e.Name = QueueName);
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
