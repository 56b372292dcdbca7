using Moderation.Client;
using Moderation.Testing;

namespace Moderation.FaultTests;

/// <summary>
/// The four services as four processes on the test broker, each with its own SQLite file, on a
/// virtual host of their own when the broker is local: a message another test left on a queue must
/// not turn up in this fleet's audit log. Where rabbitmqctl cannot add one, the fleet uses the
/// test broker's virtual host.
/// </summary>
public sealed class Fleet : IAsyncDisposable
{
    public const string Ingestion = "Moderation.Ingestion";
    public const string Classification = "Moderation.Classification";
    public const string Review = "Moderation.Review";
    public const string Audit = "Moderation.Audit";

    private readonly string _directory = Path.Combine(Path.GetTempPath(), "moderation-fault-tests", Guid.NewGuid().ToString("N"));
    private readonly Dictionary<string, ServiceProcess> _services = [];
    private readonly List<HttpClient> _clients = [];
    private string _virtualHost = TestEnvironment.RabbitMqVirtualHost;
    private bool _ownsVirtualHost;

    public ServiceProcess this[string service] => _services[service];

    public string LogDirectory => _directory;

    /// <summary>The SQLite connection string of one service's store, for a test that gets in its way.</summary>
    public string StoreOf(string service) => $"Data Source={Path.Combine(_directory, service + ".db")}";

    public static async Task<Fleet> StartAsync()
    {
        var fleet = new Fleet();
        Directory.CreateDirectory(fleet._directory);
        var ownVirtualHost = $"moderation-fleet-{Guid.NewGuid():N}";
        if (TestEnvironment.RabbitMqHost is "127.0.0.1" or "localhost" && await RabbitMqControl.TryRunAsync($"add_vhost {ownVirtualHost}"))
        {
            fleet._virtualHost = ownVirtualHost;
            fleet._ownsVirtualHost = true;
            await RabbitMqControl.RunAsync($"set_permissions -p {ownVirtualHost} guest .* .* .*");
        }

        foreach (var service in new[] { Audit, Review, Classification, Ingestion })
        {
            var process = new ServiceProcess(service, fleet.Environment(service), fleet._directory);
            fleet._services[service] = process;
            await process.StartAsync();
        }

        return fleet;
    }

    private Dictionary<string, string> Environment(string service)
    {
        var environment = TestKeys.Configuration.ToDictionary(k => k.Key.Replace(":", "__", StringComparison.Ordinal), k => k.Value ?? "");
        environment["Bus__Transport"] = "RabbitMq";
        environment["Bus__RabbitMq__Host"] = TestEnvironment.RabbitMqHost!;
        environment["Bus__RabbitMq__VirtualHost"] = _virtualHost;
        environment["Storage__ConnectionString"] = StoreOf(service);
        environment["Outbox__SweepInterval"] = "00:00:00.500";
        environment["Outbox__Grace"] = "00:00:01";
        environment["Outbox__PublishTimeout"] = "00:00:02";
        environment["Logging__LogLevel__Default"] = "Warning";
        return environment;
    }

    public T Client<T>(string service, string apiKey)
    {
        var http = new HttpClient { BaseAddress = _services[service].Address, Timeout = TimeSpan.FromSeconds(60) };
        _clients.Add(http);
        return ModerationApiClients.Create<T>(http, apiKey);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var client in _clients)
        {
            client.Dispose();
        }

        foreach (var service in _services.Values)
        {
            await service.DisposeAsync();
        }

        if (_ownsVirtualHost)
        {
            await RabbitMqControl.TryRunAsync($"delete_vhost {_virtualHost}");
        }

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // A process still closing its file; the temp folder is cleaned later.
        }
    }
}

/// <summary>Reads the audit log as it grows and counts each submission's entries by event type.</summary>
public sealed class AuditTally(IAuditApi auditor)
{
    private readonly Dictionary<(Guid, string), int> _counts = [];
    private long _after;

    public async Task<int> CountAsync(IReadOnlyCollection<Guid> submissions, string eventType)
    {
        while (true)
        {
            var page = await auditor.ListEntriesAsync(after: _after, limit: 1000);
            foreach (var entry in page.Entries)
            {
                _counts[(entry.SubmissionId, entry.EventType)] = _counts.GetValueOrDefault((entry.SubmissionId, entry.EventType)) + 1;
                _after = entry.Sequence;
            }

            if (page.NextAfter is null)
            {
                break;
            }
        }

        return submissions.Count(s => _counts.ContainsKey((s, eventType)));
    }

    public int Entries(Guid submission, string eventType) => _counts.GetValueOrDefault((submission, eventType));
}
