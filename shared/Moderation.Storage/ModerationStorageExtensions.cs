using System.Data.Common;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Moderation.ServiceDefaults;
using MongoDB.Bson;
using MongoDB.Driver;

namespace Moderation.Storage;

public static class ModerationStorageExtensions
{
    public const string StoreHealthCheckName = "store";

    public static IHostApplicationBuilder AddModerationStorage(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddOptions<StorageOptions>()
            .Bind(builder.Configuration.GetSection(StorageOptions.Section))
            .Validate(o => o.Provider != StorageProvider.Mongo || !string.IsNullOrWhiteSpace(o.ConnectionString),
                "Storage:ConnectionString must name the MongoDB server when Storage:Provider is Mongo.")
            .ValidateOnStart();

        builder.Services.AddSingleton(sp =>
        {
            var options = sp.GetRequiredService<IOptions<StorageOptions>>().Value;
            var name = sp.GetRequiredService<ServiceIdentity>().Name;
            return new SqliteDatabase(string.IsNullOrWhiteSpace(options.ConnectionString)
                ? $"Data Source={Path.Combine("data", name + ".db")}"
                : options.ConnectionString, options.SqliteBusyTimeout);
        });
        builder.Services.AddSingleton<IMongoClient>(sp =>
            new MongoClient(sp.GetRequiredService<IOptions<StorageOptions>>().Value.ConnectionString));
        builder.Services.AddSingleton(sp =>
            sp.GetRequiredService<IMongoClient>().GetDatabase(sp.GetRequiredService<IOptions<StorageOptions>>().Value.Database));

        builder.Services.AddExceptionHandler<StoreUnavailableProblems>();
        builder.Services.AddSingleton(new StartupBannerLine(sp => $"store: {sp.GetRequiredService<IOptions<StorageOptions>>().Value.Provider}"));
        builder.Services.AddHostedService<StoreInitialization>();
        builder.Services.AddHealthChecks().AddCheck<StoreHealthCheck>(StoreHealthCheckName, tags: [ServiceDefaultsExtensions.ReadyTag]);
        return builder;
    }

    /// <summary>
    /// Registers a store port with its SQLite and MongoDB adapters; <c>Storage:Provider</c> picks one.
    /// The adapter's tables or indexes are created at start-up, before the bus starts consuming.
    /// </summary>
    public static IServiceCollection AddModerationStore<TPort, TSqlite, TMongo>(this IServiceCollection services)
        where TPort : class
        where TSqlite : class, TPort, IModerationStore
        where TMongo : class, TPort, IModerationStore
    {
        services.AddSingleton<TSqlite>();
        services.AddSingleton<TMongo>();
        services.AddSingleton<TPort>(sp => sp.GetRequiredService<IOptions<StorageOptions>>().Value.Provider == StorageProvider.Mongo
            ? sp.GetRequiredService<TMongo>()
            : sp.GetRequiredService<TSqlite>());
        services.AddSingleton<IModerationStore>(sp => (IModerationStore)sp.GetRequiredService<TPort>());
        return services;
    }

    private sealed class StoreInitialization(IEnumerable<IModerationStore> stores) : IHostedService
    {
        public async Task StartAsync(CancellationToken cancellationToken)
        {
            foreach (var store in stores)
            {
                await store.InitializeAsync(cancellationToken);
            }
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }

    private sealed class StoreHealthCheck(IServiceProvider services, IOptions<StorageOptions> options) : IHealthCheck
    {
        public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
        {
            try
            {
                if (options.Value.Provider == StorageProvider.Mongo)
                {
                    var database = services.GetRequiredService<IMongoDatabase>();
                    await database.RunCommandAsync<BsonDocument>(new BsonDocument("ping", 1), cancellationToken: cancellationToken);
                    return HealthCheckResult.Healthy("MongoDB answers.");
                }

                await using var connection = await services.GetRequiredService<SqliteDatabase>().OpenAsync(cancellationToken);
                await using var command = connection.CreateCommand();
                command.CommandText = "SELECT 1";
                await command.ExecuteScalarAsync(cancellationToken);
                return HealthCheckResult.Healthy("SQLite answers.");
            }
            catch (Exception ex) when (ex is DbException or MongoException or TimeoutException or IOException)
            {
                return HealthCheckResult.Unhealthy("The store does not answer.", ex);
            }
        }
    }
}
