using System.ComponentModel.DataAnnotations;
using Moderation.Classification.Learning;

namespace Moderation.Classification;

public sealed class ClassificationOptions
{
    public const string Section = "Classification";

    [Range(1, 10_000_000)]
    public int MaxTextLength { get; set; } = 200_000;

    [Range(1, 1_000)]
    public int MaxSourceLength { get; set; } = 200;

    [Range(1_024, 100_000_000)]
    public long MaxRequestBodyBytes { get; set; } = 1_048_576;

    /// <summary>Lines in one <c>/classify/batch</c> body.</summary>
    [Range(1, 100_000)]
    public int MaxBatchLines { get; set; } = 1_000;

    [Range(1, 1_000_000)]
    public int MaxTrainingLines { get; set; } = 10_000;

    [Range(1_024, 1_000_000_000)]
    public long MaxTrainingBodyBytes { get; set; } = 16_777_216;

    /// <summary>Examples a training run learns from at most: the newest ones, so a site's latest judgements win.</summary>
    [Range(TrainingRuns.MinimumExamples, 10_000_000)]
    public int MaxTrainingExamples { get; set; } = 100_000;

    public const string DefaultPolicyPath = "policy/default-policy.yaml";

    /// <summary>The policy file; a relative path is read beside the binaries, then from the working directory. Reloaded on change.</summary>
    public string PolicyPath { get; set; } = DefaultPolicyPath;

    /// <summary>How often a replica looks for a model promoted elsewhere.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan ModelRefreshInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Batch messages classified at once; the rest wait on the queue's prefetch, unread.</summary>
    [Range(1, 128)]
    public int ConcurrentBatches { get; set; } = 4;
}
