using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.DependencyInjection;
using Moderation.Classification;
using Moderation.Classification.Consumers;
using Moderation.Classification.Domain;
using Moderation.Classification.Storage;
using Moderation.Contracts;
using Moderation.Storage;

namespace Moderation.Benchmarks;

/// <summary>
/// What Classification's consumers do for 100 new comments on a SQLite store: as one
/// BatchSubmitted (one read, one write of texts, one write of results) against 100 single
/// CommentSubmitted taken one after the other (a read and two writes each). Classification and
/// store are in it; the broker and the publish are not.
/// </summary>
[MemoryDiagnoser]
public class BatchClassificationBenchmarks
{
    private const int Comments = 100;

    private string _directory = null!;
    private ServiceProvider _services = null!;
    private AsyncServiceScope _scope;
    private SubmissionClassification _classification = null!;
    private int _next;

    [GlobalSetup]
    public async Task Setup()
    {
        _directory = Path.Combine(Path.GetTempPath(), "moderation-benchmarks", Guid.NewGuid().ToString("N"));
        _services = new ServiceCollection()
            .AddLogging()
            .AddMetrics()
            .AddSingleton(new SqliteDatabase($"Data Source={Path.Combine(_directory, "store.db")}"))
            .AddSingleton<IClassificationStore, SqliteClassificationStore>()
            .AddSingleton<ITrainingStore, SqliteTrainingStore>()
            .AddOptions<ClassificationOptions>().Services
            .AddClassificationEngine()
            .BuildServiceProvider();
        foreach (var store in new IModerationStore[]
                 {
                     (IModerationStore)_services.GetRequiredService<IClassificationStore>(),
                     (IModerationStore)_services.GetRequiredService<ITrainingStore>(),
                 })
        {
            await store.InitializeAsync(CancellationToken.None);
        }

        _scope = _services.CreateAsyncScope();
        _classification = _scope.ServiceProvider.GetRequiredService<SubmissionClassification>();
    }

    [GlobalCleanup]
    public async Task Cleanup()
    {
        await _scope.DisposeAsync();
        await _services.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }

    /// <summary>New submissions every call (a known one would only be read back), each text distinct so none counts as a repeat.</summary>
    private List<Submission> NewComments() => Enumerable.Range(0, Comments)
        .Select(i => new Submission(Guid.NewGuid(), ContentKind.Comment, $"site{i % 5}.example",
            [new ContentField("body", $"{ClassificationBenchmarks.CommentText} ({Interlocked.Increment(ref _next)})")]))
        .ToList();

    [Benchmark(Baseline = true, Description = "100 comments as 100 CommentSubmitted")]
    public async Task OneByOne()
    {
        foreach (var comment in NewComments())
        {
            await _classification.ClassifyAsync([comment], CancellationToken.None);
        }
    }

    [Benchmark(Description = "100 comments as one BatchSubmitted")]
    public Task AsOneBatch() => _classification.ClassifyAsync(NewComments(), CancellationToken.None);
}
