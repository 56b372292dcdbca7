namespace Moderation.FaultTests;

/// <summary>The fault tests share the broker (one of them restarts it): they run one after another.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class FaultCollection
{
    public const string Name = "Faults";
}
