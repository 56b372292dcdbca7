using Moderation.Client;
using Moderation.Contracts;
using Moderation.Testing;
using MongoDB.Bson;
using MongoDB.Driver;

namespace Moderation.IntegrationTests;

/// <summary>
/// The four services on <c>Storage:Provider=Mongo</c>, each with a database of its own on the server
/// MODERATION_TEST_MONGODB names (./run-tests.sh starts tests/mongo-wire-server), over a real RabbitMQ:
/// the walk of the README end to end on the production store's adapters.
/// </summary>
[Collection(RabbitMqCollection.Name)]
public sealed class FourServicesOnMongoDbTests : IAsyncLifetime
{
    private readonly List<ServiceHost> _hosts = [];
    private readonly ActivityCollector _traces = new();
    private readonly string _databasePrefix = $"moderation_e2e_{Guid.NewGuid():N}";

    public async Task InitializeAsync()
    {
        if (TestEnvironment.RabbitMqHost is null || TestEnvironment.MongoConnectionString is null)
        {
            return;
        }

        await FourServiceHosts.StartAsync(_hosts, name => new Dictionary<string, string?>
        {
            ["Storage:Provider"] = "Mongo",
            ["Storage:ConnectionString"] = TestEnvironment.MongoConnectionString,
            ["Storage:Database"] = DatabaseOf(name),
        });
    }

    public async Task DisposeAsync()
    {
        foreach (var host in _hosts)
        {
            await host.DisposeAsync();
        }

        _traces.Dispose();
        if (TestEnvironment.MongoConnectionString is { } connectionString && _hosts.Count > 0)
        {
            using var client = new MongoClient(connectionString);
            foreach (var name in (await client.ListDatabaseNamesAsync()).ToList().Where(n => n.StartsWith(_databasePrefix, StringComparison.Ordinal)))
            {
                await client.DropDatabaseAsync(name);
            }
        }
    }

    private string DatabaseOf(string service) => $"{_databasePrefix}_{service.Replace("moderation-", "", StringComparison.Ordinal)}";

    [SkippableFact]
    public async Task An_article_and_a_threatening_comment_walk_from_submission_to_removal_with_every_service_on_mongodb()
    {
        TestEnvironment.SkipUnlessRabbitMq();
        TestEnvironment.SkipUnlessMongo();
        await new ModerationWalk(_hosts[0].Client<IIngestionApi>(TestKeys.Submitter), _hosts[2].Client<IReviewApi>(TestKeys.Moderator),
            _hosts[3].Client<IAuditApi>(TestKeys.Auditor), _traces).WalkAsync();

        // The walk's records are in each service's MongoDB database (the article's item decided by the
        // policy, the comment's by the moderator; the audit log also holds the policy Classification put
        // in force at start), not in some other store.
        using var client = new MongoClient(TestEnvironment.MongoConnectionString);
        Assert.Equal(2, await Count(client, "moderation-ingestion", "ingestion_submissions"));
        Assert.Equal(2, await Count(client, "moderation-review", "review_items", new BsonDocument("status", "decided")));
        Assert.Equal(6, await Count(client, "moderation-audit", "audit_entries", new BsonDocument("eventType", new BsonDocument("$ne", nameof(PolicyLoaded)))));
        Assert.Equal(1, await Count(client, "moderation-audit", "audit_entries", new BsonDocument("eventType", nameof(PolicyLoaded))));
        foreach (var host in _hosts)
        {
            var ready = await host.Http().GetStringAsync("/health/ready");
            Assert.Contains("MongoDB answers.", ready, StringComparison.Ordinal);
        }
    }

    private Task<long> Count(MongoClient client, string service, string collection, BsonDocument? filter = null) =>
        client.GetDatabase(DatabaseOf(service)).GetCollection<BsonDocument>(collection).CountDocumentsAsync(filter ?? new BsonDocument());
}
