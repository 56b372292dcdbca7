using System.Diagnostics.Metrics;
using Moderation.Contracts;

namespace Moderation.Review;

/// <summary>What the queue's owners watch: decisions (and how many came after their SLA), reports and appeals.</summary>
public sealed class ReviewMetrics
{
    public const string MeterName = "Moderation.Review";

    private readonly Counter<long> _decisions;
    private readonly Counter<long> _reports;
    private readonly Counter<long> _appeals;

    public ReviewMetrics(IMeterFactory meterFactory)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        var meter = meterFactory.Create(MeterName);
        _decisions = meter.CreateCounter<long>("moderation.review.decisions", description: "Decisions recorded, by outcome, actor kind and whether the item was past its SLA.");
        _reports = meter.CreateCounter<long>("moderation.review.reports", description: "User reports counted on a case.");
        _appeals = meter.CreateCounter<long>("moderation.review.appeals", description: "Appeals of removals filed.");
    }

    public void Decided(ModerationDecided decision, bool pastSla)
    {
        ArgumentNullException.ThrowIfNull(decision);
        _decisions.Add(1,
            new KeyValuePair<string, object?>("outcome", decision.Outcome.ToString().ToLowerInvariant()),
            new KeyValuePair<string, object?>("actor_kind", decision.ActorKind.ToString().ToLowerInvariant()),
            new KeyValuePair<string, object?>("past_sla", pastSla));
    }

    public void Reported() => _reports.Add(1);

    public void Appealed() => _appeals.Add(1);
}
