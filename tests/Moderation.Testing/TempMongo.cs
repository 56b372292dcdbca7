using MongoDB.Driver;

namespace Moderation.Testing;

/// <summary>A MongoDB database of its own for one test, dropped afterwards. Skips the test without a server.</summary>
public sealed class TempMongo : IDisposable
{
    private readonly MongoClient _client;
    private readonly string _name = $"moderation_test_{Guid.NewGuid():N}";

    public TempMongo()
    {
        TestEnvironment.SkipUnlessMongo();
        _client = new MongoClient(TestEnvironment.MongoConnectionString);
        Database = _client.GetDatabase(_name);
    }

    public IMongoDatabase Database { get; }

    public void Dispose()
    {
        _client.DropDatabase(_name);
        _client.Dispose();
    }
}
