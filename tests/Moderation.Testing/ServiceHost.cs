using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Moderation.Client;
using Moderation.Messaging;
using Moderation.ServiceDefaults;
using Moderation.Storage;

namespace Moderation.Testing;

/// <summary>
/// A service process in miniature: the same AddXxx()/MapXxx() a Program.cs calls, on Kestrel at a
/// free port of 127.0.0.1, with the test API keys and the configuration the test gives. Unless that
/// configuration names a store, the host gets a SQLite file of its own, deleted with the host.
/// </summary>
public sealed class ServiceHost : IAsyncDisposable
{
    private const string StoreKey = "Storage:ConnectionString";

    private readonly WebApplication _app;
    private readonly TempSqlite? _store;
    private readonly List<HttpClient> _clients = [];

    private ServiceHost(WebApplication app, Uri address, TempSqlite? store)
    {
        _app = app;
        Address = address;
        _store = store;
    }

    /// <summary>The host's own SQLite file, for a test that reaches into it behind the service's back.</summary>
    public TempSqlite Store => _store ?? throw new InvalidOperationException("This host was started on a store the test named.");

    public Uri Address { get; }

    public IServiceProvider Services => _app.Services;

    public static async Task<ServiceHost> StartAsync(
        string name,
        IReadOnlyDictionary<string, string?> configuration,
        Action<WebApplicationBuilder> addServices,
        Action<IEndpointRouteBuilder> mapServices)
    {
        ArgumentNullException.ThrowIfNull(addServices);
        ArgumentNullException.ThrowIfNull(mapServices);
        ArgumentNullException.ThrowIfNull(configuration);
        var store = configuration.ContainsKey(StoreKey) ? null : new TempSqlite();
        var builder = ServiceBuilder.Create([], environmentName: "Testing");
        builder.Configuration.AddInMemoryCollection(TestKeys.Configuration);
        if (store is not null)
        {
            builder.Configuration.AddInMemoryCollection([new KeyValuePair<string, string?>(StoreKey, store.ConnectionString)]);
        }

        builder.Configuration.AddInMemoryCollection(configuration);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.AddServiceDefaults(name, "http://127.0.0.1:0");
        builder.AddModerationStorage();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        addServices(builder);
        builder.AddModerationBus();
        var app = builder.Build();
        app.MapServiceDefaults();
        app.MapErrorQueueEndpoints();
        mapServices(app);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new ServiceHost(app, new Uri(address), store);
    }

    /// <summary>A Refit client of this host, calling with the given API key (or none).</summary>
    public T Client<T>(string? apiKey)
    {
        var http = Http();
        return ModerationApiClients.Create<T>(http, apiKey);
    }

    /// <summary>A plain HttpClient on this host, for requests no typed client would send.</summary>
    public HttpClient Http()
    {
        var http = new HttpClient { BaseAddress = Address, Timeout = TimeSpan.FromSeconds(30) };
        _clients.Add(http);
        return http;
    }

    /// <summary>
    /// How long stopping may take before the host is left behind. After a broker outage, MassTransit's
    /// bus stop can wait without end on a receive endpoint whose topology set-up never got its answer,
    /// whatever the host's shutdown timeout (seen once in BusOutageTests' teardown); a test run must
    /// not hang on that until CI's limit.
    /// </summary>
    private static readonly TimeSpan StopLimit = TimeSpan.FromSeconds(60);

    public async ValueTask DisposeAsync()
    {
        foreach (var client in _clients)
        {
            client.Dispose();
        }

        try
        {
            await _app.StopAsync().WaitAsync(StopLimit);
        }
        catch (TimeoutException)
        {
            await Console.Error.WriteLineAsync($"The service host at {Address} did not stop within {StopLimit.TotalSeconds} s and is left behind for the rest of the test run.");
            return;
        }

        await _app.DisposeAsync();
        _store?.Dispose();
    }
}
