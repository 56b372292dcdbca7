using Moderation.Audit;
using Moderation.Classification;
using Moderation.Client;
using Moderation.Ingestion;
using Moderation.Review;
using Moderation.Testing;

namespace Moderation.IntegrationTests;

/// <summary>The whole platform in one process on the in-memory bus and one SQLite file, as Moderation.AllInOne runs it.</summary>
public static class AllInOneHost
{
    /// <param name="configuration">Settings beyond the test keys, such as keys of the test's own.</param>
    public static Task<ServiceHost> StartAsync(IReadOnlyDictionary<string, string?>? configuration = null) =>
        ServiceHost.StartAsync("moderation-allinone-test", configuration ?? new Dictionary<string, string?>(),
            builder =>
            {
                builder.AddIngestion();
                builder.AddClassification();
                builder.AddReview();
                builder.AddAudit();
            },
            routes =>
            {
                routes.MapIngestion();
                routes.MapClassification();
                routes.MapReview();
                routes.MapAudit();
            });
}

public sealed class AllInOneWalkTests : IAsyncLifetime
{
    private readonly ActivityCollector _traces = new();
    private ServiceHost _platform = null!;

    public async Task InitializeAsync() => _platform = await AllInOneHost.StartAsync();

    public async Task DisposeAsync()
    {
        await _platform.DisposeAsync();
        _traces.Dispose();
    }

    [Fact]
    public Task An_article_and_a_threatening_comment_walk_from_submission_to_removal_in_one_process() =>
        new ModerationWalk(_platform.Client<IIngestionApi>(TestKeys.Submitter), _platform.Client<IReviewApi>(TestKeys.Moderator),
            _platform.Client<IAuditApi>(TestKeys.Auditor), _traces).WalkAsync();

    [Fact]
    public Task A_batch_of_articles_and_comments_reaches_its_verdicts_and_is_logged_once_in_one_process() =>
        new BatchWalk(_platform.Client<IIngestionApi>(TestKeys.Submitter), _platform.Client<IAuditApi>(TestKeys.Auditor), _traces).WalkAsync();
}

/// <summary>Ingestion, Classification, Review and Audit as four hosts on the test broker, in that order.</summary>
public static class FourServiceHosts
{
    /// <summary>
    /// Adds each host to <paramref name="hosts"/> as soon as it runs (so a failed start leaves the
    /// others to dispose); <paramref name="storeOf"/> gives a service's store settings by its name
    /// (none: a SQLite file of its own).
    /// </summary>
    public static async Task StartAsync(List<ServiceHost> hosts, Func<string, IReadOnlyDictionary<string, string?>>? storeOf = null)
    {
        ArgumentNullException.ThrowIfNull(hosts);
        hosts.Add(await StartAsync("moderation-ingestion", b => b.AddIngestion(), r => r.MapIngestion(), storeOf));
        hosts.Add(await StartAsync("moderation-classification", b => b.AddClassification(), r => r.MapClassification(), storeOf));
        hosts.Add(await StartAsync("moderation-review", b => b.AddReview(), r => r.MapReview(), storeOf));
        hosts.Add(await StartAsync("moderation-audit", b => b.AddAudit(), r => r.MapAudit(), storeOf));
    }

    private static Task<ServiceHost> StartAsync(
        string name,
        Action<Microsoft.AspNetCore.Builder.WebApplicationBuilder> add,
        Action<Microsoft.AspNetCore.Routing.IEndpointRouteBuilder> map,
        Func<string, IReadOnlyDictionary<string, string?>>? storeOf)
    {
        var configuration = new Dictionary<string, string?>
        {
            ["Bus:Transport"] = "RabbitMq",
            ["Bus:RabbitMq:Host"] = TestEnvironment.RabbitMqHost,
            ["Bus:RabbitMq:VirtualHost"] = TestEnvironment.RabbitMqVirtualHost,
            // The walks read each submission's audit entries in causal order. With many appends at a
            // time the log keeps the order appends reached it, and a decision made within milliseconds
            // of its classification can land first (AuditTrailConsumerDefinition); one at a time, the
            // log keeps the queue's order, where a classification always precedes the decision it caused.
            ["Bus:ConcurrentMessageLimits:audit"] = "1",
        };
        foreach (var (key, value) in storeOf?.Invoke(name) ?? new Dictionary<string, string?>())
        {
            configuration[key] = value;
        }

        return ServiceHost.StartAsync(name, configuration, add, map);
    }
}

/// <summary>The four services as four hosts, each with its own store, talking over a real RabbitMQ.</summary>
[Collection(RabbitMqCollection.Name)]
public sealed class FourServicesOverRabbitMqTests : IAsyncLifetime
{
    private readonly List<ServiceHost> _hosts = [];
    private readonly ActivityCollector _traces = new();

    public async Task InitializeAsync()
    {
        if (TestEnvironment.RabbitMqHost is null)
        {
            return;
        }

        await FourServiceHosts.StartAsync(_hosts);
    }

    public async Task DisposeAsync()
    {
        foreach (var host in _hosts)
        {
            await host.DisposeAsync();
        }

        _traces.Dispose();
    }

    [SkippableFact]
    public async Task An_article_and_a_threatening_comment_walk_from_submission_to_removal_across_four_services()
    {
        TestEnvironment.SkipUnlessRabbitMq();
        await new ModerationWalk(_hosts[0].Client<IIngestionApi>(TestKeys.Submitter), _hosts[2].Client<IReviewApi>(TestKeys.Moderator),
            _hosts[3].Client<IAuditApi>(TestKeys.Auditor), _traces).WalkAsync();
    }

    [SkippableFact]
    public async Task A_batch_of_articles_and_comments_reaches_its_verdicts_and_is_logged_once_across_four_services()
    {
        TestEnvironment.SkipUnlessRabbitMq();
        await new BatchWalk(_hosts[0].Client<IIngestionApi>(TestKeys.Submitter), _hosts[3].Client<IAuditApi>(TestKeys.Auditor), _traces).WalkAsync();
    }

    [SkippableFact]
    public async Task Every_service_reports_ready_with_its_bus_and_store()
    {
        TestEnvironment.SkipUnlessRabbitMq();
        foreach (var host in _hosts)
        {
            var response = await host.Http().GetStringAsync("/health/ready");
            Assert.Contains("\"bus\":{\"status\":\"Healthy\"", response, StringComparison.Ordinal);
            Assert.Contains("\"store\":{\"status\":\"Healthy\"", response, StringComparison.Ordinal);
        }
    }
}
