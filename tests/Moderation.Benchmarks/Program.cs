using BenchmarkDotNet.Running;
using Moderation.Benchmarks;

// dotnet run -c Release --project tests/Moderation.Benchmarks -- --filter '*' [--job short]
BenchmarkSwitcher.FromAssembly(typeof(ClassificationBenchmarks).Assembly).Run(args);
