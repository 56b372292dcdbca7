using MassTransit;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Moderation.Messaging;
using Moderation.Review.Consumers;
using Moderation.Review.Domain.Queue;
using Moderation.Review.Endpoints;
using Moderation.Review.Storage;
using Moderation.Storage;

namespace Moderation.Review;

/// <summary>Review as a library: one AddReview()/MapReview() pair, so that its own process and AllInOne host it alike.</summary>
public static class ReviewService
{
    public const string QueueName = "review";

    public static IHostApplicationBuilder AddReview(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddOptions<ReviewOptions>()
            .Bind(builder.Configuration.GetSection(ReviewOptions.Section))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddSingleton<ReviewMetrics>();
        builder.Services.AddSingleton(sp => QueuePriority.From(sp.GetRequiredService<IOptions<ReviewOptions>>().Value));
        builder.Services.AddSingleton(sp => ClaimRules.From(sp.GetRequiredService<IOptions<ReviewOptions>>().Value));
        builder.Services.AddModerationStore<IReviewQueue, SqliteReviewQueue, MongoReviewQueue>();
        builder.Services.AddPendingEventSource<IReviewQueue>(builder.Configuration);
        builder.Services.AddModerationConsumers(QueueName, AddConsumers);
        return builder;
    }

    public static void AddConsumers(IBusRegistrationConfigurator bus)
    {
        ArgumentNullException.ThrowIfNull(bus);
        bus.TryAddSingleton<ReviewQueueWrites>();
        bus.TryAddSingleton<ContentSnapshots>();
        bus.TryAddSingleton<ClassificationResults>();
        bus.AddConsumer<ReviewArticleSnapshotConsumer, ReviewArticleSnapshotConsumerDefinition>();
        bus.AddConsumer<ReviewCommentSnapshotConsumer, ReviewCommentSnapshotConsumerDefinition>();
        bus.AddConsumer<ReviewClassifiedConsumer, ReviewClassifiedConsumerDefinition>();
        bus.AddConsumer<ReviewBatchSnapshotConsumer, ReviewBatchSnapshotConsumerDefinition>();
        bus.AddConsumer<ReviewBatchClassifiedConsumer, ReviewBatchClassifiedConsumerDefinition>();
    }

    public static IEndpointRouteBuilder MapReview(this IEndpointRouteBuilder routes)
    {
        routes.MapReviewEndpoints();
        routes.MapReviewPage();
        return routes;
    }
}
