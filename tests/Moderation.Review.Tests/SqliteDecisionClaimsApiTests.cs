namespace Moderation.Review.Tests;

/// <summary>Decisions honour claims on SQLite: the test host's own file.</summary>
public sealed class SqliteDecisionClaimsApiTests : DecisionClaimsApiContract
{
    protected override IReadOnlyDictionary<string, string?> Store() => new Dictionary<string, string?>();
}
