using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Moderation.Messaging;

public static class PendingEventExtensions
{
    /// <summary>Registers the outbox sweeper (once per process) and a source of pending events.</summary>
    public static IServiceCollection AddPendingEventSource<TSource>(this IServiceCollection services, IConfiguration configuration)
        where TSource : class, IPendingEventSource
    {
        if (!services.Any(d => d.ServiceType == typeof(ReliablePublisher)))
        {
            services.AddOptions<OutboxOptions>()
                .Bind(configuration.GetSection(OutboxOptions.Section))
                .ValidateDataAnnotations()
                .ValidateOnStart();
            services.AddSingleton<ReliablePublisher>();
            services.AddSingleton<PendingEventSweeper>();
            services.AddHostedService(sp => sp.GetRequiredService<PendingEventSweeper>());
        }

        services.AddSingleton<IPendingEventSource>(sp => sp.GetRequiredService<TSource>());
        return services;
    }
}
