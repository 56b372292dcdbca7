using MassTransit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

using Moderation.ServiceDefaults;

namespace Moderation.Messaging;

public static class ModerationBusExtensions
{
    /// <summary>Adds a service's consumers, all reading from <paramref name="queueName"/>.</summary>
    public static IServiceCollection AddModerationConsumers(this IServiceCollection services, string queueName, Action<IBusRegistrationConfigurator> registration)
    {
        ArgumentNullException.ThrowIfNull(services);
        Registrations(services).Add(queueName, registration);
        return services;
    }

    /// <summary>Configures MassTransit with every consumer added so far; call it after the services' AddXxx().</summary>
    public static IHostApplicationBuilder AddModerationBus(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddOptions<BusOptions>()
            .Bind(builder.Configuration.GetSection(BusOptions.Section))
            .ValidateDataAnnotations()
            .ValidateOnStart();

        var startTimeout = builder.Configuration.GetSection(BusOptions.Section).GetValue(nameof(BusOptions.StartTimeout), TimeSpan.FromSeconds(60));
        builder.Services.Configure<MassTransitHostOptions>(host =>
        {
            host.WaitUntilStarted = true;
            host.StartTimeout = startTimeout;
            host.StopTimeout = TimeSpan.FromSeconds(30);
        });

        var transport = builder.Configuration.GetSection(BusOptions.Section).GetValue(nameof(BusOptions.Transport), BusTransport.InMemory);
        var registrations = Registrations(builder.Services);
        builder.Services.AddSingleton<RabbitMqErrorQueues>();
        builder.Services.AddSingleton(new StartupBannerLine(sp =>
        {
            var bus = sp.GetRequiredService<IOptions<BusOptions>>().Value;
            return $"bus: {bus.Transport}{(bus.Transport == BusTransport.RabbitMq ? $" at {bus.RabbitMq.Host}:{bus.RabbitMq.Port}, virtual host {bus.RabbitMq.VirtualHost}" : "")}";
        }));
        builder.Services.AddMassTransit(bus =>
        {
            bus.SetKebabCaseEndpointNameFormatter();
            registrations.ApplyTo(bus);
            bus.AddConfigureEndpointsCallback((context, queue, endpoint) =>
            {
                var options = context.GetRequiredService<IOptions<BusOptions>>().Value;
                if (options.ConcurrentMessageLimits.TryGetValue(queue, out var limit) && limit > 0)
                {
                    endpoint.ConcurrentMessageLimit = limit;
                }

                if (options.RabbitMq.QuorumQueues && endpoint is IRabbitMqReceiveEndpointConfigurator rabbit)
                {
                    rabbit.SetQuorumQueue();
                }
            });
            bus.ConfigureHealthCheckOptions(health =>
            {
                health.Name = "bus";
                health.Tags.Add(ServiceDefaultsExtensions.ReadyTag);
                health.MinimalFailureStatus = HealthStatus.Unhealthy;
            });

            if (transport == BusTransport.RabbitMq)
            {
                bus.UsingRabbitMq((context, cfg) =>
                {
                    var options = context.GetRequiredService<IOptions<BusOptions>>().Value;
                    cfg.Host(options.RabbitMq.Host, (ushort)options.RabbitMq.Port, options.RabbitMq.VirtualHost, host =>
                    {
                        host.Username(options.RabbitMq.Username);
                        host.Password(options.RabbitMq.Password);
                    });
                    cfg.PrefetchCount = options.PrefetchCount;
                    ConfigureCommon(cfg, context, options);
                });
            }
            else
            {
                bus.UsingInMemory((context, cfg) =>
                    ConfigureCommon(cfg, context, context.GetRequiredService<IOptions<BusOptions>>().Value));
            }
        });
        return builder;
    }

    /// <summary>Retries, then MassTransit's error queue; publishes from a consumer leave only when it succeeds.</summary>
    public static void ConfigureCommon<TEndpoint>(IBusFactoryConfigurator<TEndpoint> cfg, IBusRegistrationContext context, BusOptions options)
        where TEndpoint : IReceiveEndpointConfigurator
    {
        ArgumentNullException.ThrowIfNull(cfg);
        ArgumentNullException.ThrowIfNull(options);
        var intervals = options.RetryIntervalsMs.Select(ms => TimeSpan.FromMilliseconds(ms)).ToArray();
        if (intervals.Length > 0)
        {
            cfg.UseMessageRetry(retry => retry.Intervals(intervals));
        }

        cfg.UseInMemoryOutbox(context);
        cfg.ConfigureEndpoints(context);
    }

    private static ModerationConsumerRegistrations Registrations(IServiceCollection services)
    {
        var existing = services.FirstOrDefault(d => d.ServiceType == typeof(ModerationConsumerRegistrations))?.ImplementationInstance;
        if (existing is ModerationConsumerRegistrations registrations)
        {
            return registrations;
        }

        registrations = new ModerationConsumerRegistrations();
        services.AddSingleton(registrations);
        return registrations;
    }
}
