using Xunit;

namespace Moderation.Testing;

/// <summary>What the machine running the tests offers: a MongoDB server, a RabbitMQ broker, the seed page.</summary>
public static class TestEnvironment
{
    public const string MongoVariable = "MODERATION_TEST_MONGODB";
    public const string MongoUnavailableVariable = "MODERATION_TEST_MONGODB_UNAVAILABLE";
    public const string RabbitMqVariable = "MODERATION_TEST_RABBITMQ";
    public const string RabbitMqVirtualHostVariable = "MODERATION_TEST_RABBITMQ_VHOST";
    public const string SeedsVariable = "MODERATION_SEEDS";
    public const string SeedFileName = "000_864af2513c4cf570.txt";

    public static string? MongoConnectionString => Environment.GetEnvironmentVariable(MongoVariable) is { Length: > 0 } value ? value : null;

    public static string? RabbitMqHost => Environment.GetEnvironmentVariable(RabbitMqVariable) is { Length: > 0 } value ? value : null;

    public static string RabbitMqVirtualHost => Environment.GetEnvironmentVariable(RabbitMqVirtualHostVariable) is { Length: > 0 } value ? value : "/";

    /// <summary>Skips without a MongoDB server, saying why the test command could not start one when it says so.</summary>
    public static void SkipUnlessMongo() =>
        Skip.If(MongoConnectionString is null, Environment.GetEnvironmentVariable(MongoUnavailableVariable) is { Length: > 0 } reason
            ? $"{MongoVariable} is not set: {reason}."
            : $"{MongoVariable} is not set: no MongoDB server to run the MongoDB adapter against (./run-tests.sh starts tests/mongo-wire-server when Node.js is installed).");

    public static void SkipUnlessRabbitMq() =>
        Skip.If(RabbitMqHost is null, $"{RabbitMqVariable} is not set: no RabbitMQ broker (the README's test command starts one).");

    /// <summary>
    /// The scraped seed page lives beside the repository (../shared/seeds), never inside it; it is
    /// looked for from the working directory upwards, or where MODERATION_SEEDS points.
    /// </summary>
    public static string? SeedPagePath
    {
        get
        {
            if (Environment.GetEnvironmentVariable(SeedsVariable) is { Length: > 0 } configured)
            {
                var path = Path.Combine(configured, SeedFileName);
                return File.Exists(path) ? path : null;
            }

            for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
            {
                var candidate = Path.Combine(directory.FullName, "shared", "seeds", SeedFileName);
                if (File.Exists(candidate))
                {
                    return candidate;
                }
            }

            return null;
        }
    }

    public static string ReadSeedPage()
    {
        var path = SeedPagePath;
        Skip.If(path is null, $"The seed page {SeedFileName} was not found under any ../shared/seeds above the tests, nor in ${SeedsVariable}.");
        return File.ReadAllText(path!);
    }
}
