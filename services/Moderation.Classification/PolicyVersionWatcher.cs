using System.Security.Cryptography;
using System.Text;
using MassTransit;
using Microsoft.Extensions.Options;
using Moderation.Classification.Policy;
using Moderation.Contracts;

namespace Moderation.Classification;

/// <summary>
/// Publishes <see cref="PolicyLoaded"/> for the audit log whenever a policy comes into force in this
/// process: the one read at start, and each accepted edit of the file. A policy changes only through
/// its file, which no API call touches, so no person is authenticated for it; the log records which
/// version was in force from when, and who edited the file is the host's concern.
/// </summary>
/// <remarks>
/// It looks at the policy in force every <see cref="CheckInterval"/> rather than being told of a
/// reload, so it needs nothing of <see cref="PolicyProvider"/> but <see cref="PolicyProvider.Current"/>.
/// A load is published in order and again until the bus takes it; the audit log keys it by its
/// <see cref="PolicyLoaded.LoadId"/>, so a publish that landed late and then again is logged once.
/// </remarks>
public sealed partial class PolicyVersionWatcher(
    PolicyProvider policies, IBus bus, IOptions<ClassificationOptions> options, IHostApplicationLifetime lifetime, TimeProvider clock,
    ILogger<PolicyVersionWatcher> logger) : BackgroundService
{
    private static readonly TimeSpan CheckInterval = TimeSpan.FromSeconds(1);

    private readonly Queue<PolicyLoaded> _unpublished = new();
    private CompiledPolicy? _seen;
    private PolicyLoaded? _latest;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // The policy read at start came into force now, but the bus starts after this service does.
        NoteNewPolicy();
        await WhenStartedAsync(stoppingToken);
        using var timer = new PeriodicTimer(CheckInterval);
        do
        {
            try
            {
                NoteNewPolicy();
                await PublishAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogPublishDeferred(logger, ex);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    private void NoteNewPolicy()
    {
        var current = policies.Current;
        if (ReferenceEquals(current, _seen))
        {
            return;
        }

        _seen = current;
        var contentSha256 = FileSha256(current.Version);
        // The file was saved again unchanged: the same policy is still in force.
        if (_latest is { } latest && latest.Version == current.Version && latest.ContentSha256 == contentSha256)
        {
            return;
        }

        _latest = new PolicyLoaded(Guid.CreateVersion7(), current.Version, contentSha256, Environment.MachineName, clock.GetUtcNow());
        _unpublished.Enqueue(_latest);
    }

    /// <summary>
    /// The SHA-256 of the policy file's bytes, if the file still holds <paramref name="version"/>: it
    /// is read after the policy came into force, and may have been edited again since (that edit then
    /// comes into force, or is refused, on its own).
    /// </summary>
    private string? FileSha256(string version)
    {
        try
        {
            var bytes = File.ReadAllBytes(PolicyProvider.ResolvePath(options.Value.PolicyPath));
            using var text = new StreamReader(new MemoryStream(bytes), Encoding.UTF8);
            return PolicyCompiler.Parse(text.ReadToEnd()).Version == version ? Convert.ToHexStringLower(SHA256.HashData(bytes)) : null;
        }
        catch (Exception ex) when (ex is PolicyException or IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    private async Task PublishAsync(CancellationToken stoppingToken)
    {
        while (_unpublished.TryPeek(out var loaded))
        {
            // The publish itself is not cancelled, only waited for (rabbitmq-dotnet-client#1930, as in ReliablePublisher).
            await bus.Publish(loaded, CancellationToken.None).WaitAsync(CheckInterval * 5, stoppingToken);
            _unpublished.Dequeue();
        }
    }

    private async Task WhenStartedAsync(CancellationToken stoppingToken)
    {
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var registration = lifetime.ApplicationStarted.Register(() => started.TrySetResult());
        await started.Task.WaitAsync(stoppingToken);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not publish the policy versions that came into force; trying again.")]
    private static partial void LogPublishDeferred(ILogger logger, Exception exception);
}
