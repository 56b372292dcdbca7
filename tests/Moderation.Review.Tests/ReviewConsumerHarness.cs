using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Moderation.Messaging;
using Moderation.Review.Domain.Queue;
using Moderation.Review.Storage;
using Moderation.Storage;
using Moderation.Testing;

namespace Moderation.Review.Tests;

/// <summary>Review's consumers and what they need, on MassTransit's test harness over a SQLite file.</summary>
internal static class ReviewConsumerHarness
{
    /// <param name="bus">Changes the harness's bus further (e.g. a publish that fails), after Review's consumers are added.</param>
    public static Task<ConsumerHarness> StartAsync(Action<IBusRegistrationConfigurator>? bus = null) =>
        ConsumerHarness.StartAsync(
            services => services
                .AddSingleton<SqliteReviewQueue>()
                .AddSingleton<IReviewQueue>(sp => sp.GetRequiredService<SqliteReviewQueue>())
                .AddSingleton<IModerationStore>(sp => sp.GetRequiredService<SqliteReviewQueue>())
                .AddSingleton(QueuePriority.Default)
                .AddSingleton<ReviewMetrics>()
                .AddSingleton(Options.Create(new OutboxOptions()))
                .AddSingleton(typeof(Microsoft.Extensions.Logging.ILogger<>), typeof(NullLogger<>))
                .AddSingleton<ReliablePublisher>(),
            configurator =>
            {
                ReviewService.AddConsumers(configurator);
                bus?.Invoke(configurator);
            });
}
