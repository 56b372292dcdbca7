using System.ComponentModel.DataAnnotations;
using MassTransit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Moderation.ServiceDefaults;

public enum BusTransport
{
    InMemory,
    RabbitMq,
}

public sealed class RabbitMqOptions
{
    [Required]
    public string Host { get; set; } = "127.0.0.1";

    [Range(1, 65535)]
    public int Port { get; set; } = 5672;

    [Required]
    public string VirtualHost { get; set; } = "/";

    [Required]
    public string Username { get; set; } = "guest";

    [Required]
    public string Password { get; set; } = "guest";

    /// <summary>
    /// Declare the service queues as quorum queues (replicated across a RabbitMQ cluster). A queue's
    /// type is fixed when it is first declared: switch on a fresh virtual host.
    /// </summary>
    public bool QuorumQueues { get; set; }
}

public sealed class BusOptions
{
    public const string Section = "Bus";

    public BusTransport Transport { get; set; } = BusTransport.InMemory;

    public RabbitMqOptions RabbitMq { get; set; } = new();

    /// <summary>Messages a RabbitMQ consumer holds unacknowledged at once.</summary>
    [Range(1, 10_000)]
    public int PrefetchCount { get; set; } = 128;

    /// <summary>
    /// Messages each queue's endpoint processes at once, by queue name (e.g. <c>classification: 16</c>);
    /// a queue not named keeps its service's choice, or else the prefetch count.
    /// </summary>
    public Dictionary<string, int> ConcurrentMessageLimits { get; set; } = [];

    /// <summary>
    /// How long start-up waits for the broker and for every queue to be bound. Start-up waits so that
    /// nothing is published before the consumers that must see it are listening.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:10:00")]
    public TimeSpan StartTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Waits between the immediate retries of a failing message, before it goes to the error queue.</summary>
    public List<int> RetryIntervalsMs { get; set; } = [100, 500, 2000];
}

/// <summary>
/// The consumers each service library contributes. A process may host several services, and
/// MassTransit is configured once per process, so registrations are collected here first.
/// </summary>
public sealed class ModerationConsumerRegistrations
{
    private readonly List<Action<IBusRegistrationConfigurator>> _registrations = [];
    private readonly List<string> _queueNames = [];

    /// <summary>The queues this process consumes from (each also has MassTransit's <c>&lt;queue&gt;_error</c>).</summary>
    public IReadOnlyList<string> QueueNames => _queueNames;

    public void Add(string queueName, Action<IBusRegistrationConfigurator> registration)
    {
        _queueNames.Add(queueName);
        _registrations.Add(registration);
    }

    public void ApplyTo(IBusRegistrationConfigurator configurator)
    {
        foreach (var registration in _registrations)
        {
            registration(configurator);
        }
    }
}

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
