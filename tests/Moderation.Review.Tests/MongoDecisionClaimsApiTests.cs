using Moderation.Testing;

namespace Moderation.Review.Tests;

/// <summary>Decisions honour claims on MongoDB: a database of the test's own; skipped without a server.</summary>
public sealed class MongoDecisionClaimsApiTests : DecisionClaimsApiContract
{
    private TempMongo? _mongo;

    protected override IReadOnlyDictionary<string, string?> Store()
    {
        _mongo = new TempMongo();
        return new Dictionary<string, string?>
        {
            ["Storage:Provider"] = "Mongo",
            ["Storage:ConnectionString"] = TestEnvironment.MongoConnectionString,
            ["Storage:Database"] = _mongo.Database.DatabaseNamespace.DatabaseName,
        };
    }

    protected override void DisposeStore() => _mongo?.Dispose();
}
