using System.Runtime;

namespace Moderation.Classification.Domain;

/// <summary>
/// Loads the encoder and the default model, and reads a comment through the encoder, before the bus
/// takes a message or the server a request: started before either, it holds both back until it is
/// done, and a model that cannot be loaded stops the start. Loaded on the first classification
/// instead, the load overlapped the first backlog, and the garbage of both set the process's peak
/// memory. What the load left on the heap is compacted and handed back once, before traffic.
/// </summary>
public sealed partial class EngineWarmUp(IServiceProvider services, ILogger<EngineWarmUp> logger) : IHostedService
{
    private const string Comment = "Thanks for the clear write-up; I would like to know how the council plans to pay for it.";

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var started = TimeProvider.System.GetTimestamp();
        var engine = services.GetRequiredService<ClassificationEngine>();
        await engine.WarmUpAsync(Comment);
        GCSettings.LargeObjectHeapCompactionMode = GCLargeObjectHeapCompactionMode.CompactOnce;
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        LogWarmedUp(logger, engine.Models.Default?.Version ?? "none", TimeProvider.System.GetElapsedTime(started).TotalSeconds);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Information, Message = "Classification engine loaded (default model {Version}) and warmed up in {Seconds:0.0} s.")]
    private static partial void LogWarmedUp(ILogger logger, string version, double seconds);
}
