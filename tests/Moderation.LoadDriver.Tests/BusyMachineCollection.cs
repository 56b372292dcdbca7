namespace Moderation.LoadDriver.Tests;

/// <summary>
/// Tests that load the cores (the broker baseline) or read how a process used them (the CPU
/// figures) run one after the other: side by side, the first would skew what the second reads.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class BusyMachineCollection
{
    public const string Name = "Busy machine";
}
