using System.Collections.Concurrent;
using System.Diagnostics;
using Moderation.ServiceDefaults;

namespace Moderation.IntegrationTests;

/// <summary>Records every span the process produces, so a test can follow one submission's trace.</summary>
public sealed class ActivityCollector : IDisposable
{
    public static readonly ActivitySource TestSource = new("Moderation.Tests");

    private readonly ConcurrentQueue<Activity> _stopped = new();
    private readonly ActivityListener _listener;

    public ActivityCollector()
    {
        _listener = new ActivityListener
        {
            ShouldListenTo = _ => true,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = _stopped.Enqueue,
        };
        ActivitySource.AddActivityListener(_listener);
    }

    /// <summary>The finished spans that worked on this submission (tagged with its id, alone or among a batch's).</summary>
    public IReadOnlyList<Activity> For(Guid submissionId) =>
        _stopped.Where(a => Equals(a.GetTagItem(Telemetry.SubmissionIdTag), submissionId)
            || (a.GetTagItem(Telemetry.SubmissionIdsTag) is string[] ids && ids.Contains(submissionId.ToString()))).ToList();

    public void Dispose() => _listener.Dispose();
}
