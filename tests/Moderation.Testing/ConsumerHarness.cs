using MassTransit;
using MassTransit.Testing;
using Microsoft.Extensions.DependencyInjection;
using Moderation.Storage;

namespace Moderation.Testing;

/// <summary>
/// A service's consumers on MassTransit's test harness, over a SQLite file of their own, with the
/// stores of <paramref name="services"/> initialised before the bus starts.
/// </summary>
public sealed class ConsumerHarness : IAsyncDisposable
{
    private readonly TempSqlite _sqlite;
    private readonly ServiceProvider _provider;

    private ConsumerHarness(TempSqlite sqlite, ServiceProvider provider)
    {
        _sqlite = sqlite;
        _provider = provider;
    }

    public ITestHarness Harness => _provider.GetRequiredService<ITestHarness>();

    public IServiceProvider Services => _provider;

    public static async Task<ConsumerHarness> StartAsync(Action<IServiceCollection> services, Action<IBusRegistrationConfigurator> consumers)
    {
        ArgumentNullException.ThrowIfNull(services);
        var sqlite = new TempSqlite();
        var collection = new ServiceCollection()
            .AddSingleton(sqlite.Database)
            .AddSingleton(TimeProvider.System)
            .AddMetrics();
        services(collection);
        var provider = collection.AddMassTransitTestHarness(consumers).BuildServiceProvider(true);
        foreach (var store in provider.GetServices<IModerationStore>())
        {
            await store.InitializeAsync(CancellationToken.None);
        }

        await provider.GetRequiredService<ITestHarness>().Start();
        return new ConsumerHarness(sqlite, provider);
    }

    public async ValueTask DisposeAsync()
    {
        await Harness.Stop();
        await _provider.DisposeAsync();
        _sqlite.Dispose();
    }
}
