using Moderation.Contracts;

namespace Moderation.Audit.Domain.Dashboard;

/// <summary>
/// The dashboard's figures folded from audit entries, one entry at a time in sequence order. The
/// log already holds each event once, so folding each sequence number once keeps the figures exact;
/// events of one submission may be logged in any order.
/// </summary>
public sealed class DashboardFigures
{
    private const string ModeratorActorPrefix = "moderator:";

    private readonly Dictionary<Guid, SubmissionFacts> _submissions = [];
    private readonly List<DecisionFact> _decisions = [];

    public long LastSequence { get; private set; }

    public void Apply(AuditEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        LastSequence = Math.Max(LastSequence, entry.Sequence);
        if (entry.SubmissionId == Guid.Empty)
        {
            // An entry about no submission (a redrive, a model promotion, a policy load) counts towards no submission's figures.
            return;
        }

        var facts = Facts(entry.SubmissionId);
        switch (entry.EventType)
        {
            case nameof(ArticleSubmitted):
                facts.SubmittedAt = entry.OccurredAt;
                facts.Kind = "article";
                break;
            case nameof(CommentSubmitted):
                facts.SubmittedAt = entry.OccurredAt;
                facts.Kind = "comment";
                break;
            case nameof(ContentClassified):
                facts.ClassifiedAt = entry.OccurredAt;
                facts.Verdict = Value(entry, "verdict");
                facts.Kind ??= Value(entry, "kind");
                facts.TopCategory = Value(entry, "topCategory") ?? "none";
                break;
            case nameof(ModerationDecided):
                ApplyDecision(entry, facts);
                break;
        }
    }

    /// <summary>The figures of [<paramref name="from"/>, <paramref name="to"/>), with the error queues as counted now.</summary>
    public DashboardReading Overview(DateTimeOffset from, DateTimeOffset to, DateTimeOffset now, TimeSpan reviewSla, ErrorQueueReading errorQueues)
    {
        var received = _submissions.Values.Where(s => s.SubmittedAt is { } at && at >= from && at < to).ToList();
        var decided = _decisions.Where(d => d.At >= from && d.At < to).ToList();
        var queued = _submissions.Values.Where(s => s.IsQueued).Select(s => now - s.ClassifiedAt!.Value).ToList();

        return new DashboardReading(
            from,
            to,
            now,
            LastSequence,
            new SubmissionCounts(
                received.Count,
                received.Count(s => s.Kind == "article"),
                received.Count(s => s.Kind == "comment"),
                received.Count(s => s.Verdict == "allow"),
                received.Count(s => s.Verdict == "review"),
                received.Count(s => s.Verdict == "block"),
                received.Count(s => s.Verdict is null)),
            [.. received
                .GroupBy(s => (Hour: StartOfHour(s.SubmittedAt!.Value), Kind: s.Kind ?? "unknown", Verdict: s.Verdict ?? "pending", Category: s.TopCategory ?? "none"))
                .OrderBy(g => g.Key.Hour).ThenBy(g => g.Key.Kind, StringComparer.Ordinal).ThenBy(g => g.Key.Verdict, StringComparer.Ordinal).ThenBy(g => g.Key.Category, StringComparer.Ordinal)
                .Select(g => new HourlySubmissionCounts(g.Key.Hour, g.Key.Kind, g.Key.Verdict, g.Key.Category, g.Count()))],
            new QueueReading(
                queued.Count,
                queued.Count == 0 ? null : Math.Max(0, queued.Max().TotalSeconds),
                queued.Count(age => age > reviewSla),
                reviewSla.TotalSeconds),
            Latency(received.Where(s => s.ClassifiedAt is not null).Select(s => s.ClassifiedAt!.Value - s.SubmittedAt!.Value)),
            Latency(received.Where(s => s.FirstFinalAt is not null).Select(s => s.FirstFinalAt!.Value - s.SubmittedAt!.Value)),
            [.. decided
                .Where(d => d.Moderator is not null)
                .GroupBy(d => d.Moderator!, StringComparer.Ordinal)
                .OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal)
                .Select(g => new ModeratorReading(g.Key, g.Count(), Count(g, "approve"), Count(g, "remove"), Count(g, "escalate")))],
            [.. _submissions.Values
                .Where(s => s.Verdict is "review" or "block" && s.LastModeratorFinal is { } final && final.At >= from && final.At < to)
                .GroupBy(s => (Category: s.TopCategory ?? "none", Verdict: s.Verdict!))
                .OrderBy(g => g.Key.Category, StringComparer.Ordinal).ThenBy(g => g.Key.Verdict, StringComparer.Ordinal)
                .Select(g =>
                {
                    var agreed = g.Count(s => s.LastModeratorFinal!.Outcome == "remove");
                    return new ClassifierAgreementReading(g.Key.Category, g.Key.Verdict, g.Count(), agreed, (double)agreed / g.Count());
                })],
            new AppealReading(
                decided.Count(d => d.AppealUpheld is not null),
                decided.Count(d => d.AppealUpheld == true),
                decided.Count(d => d.AppealUpheld == false)),
            new DecisionCounts(
                decided.Count,
                decided.Count(d => d.Moderator is null),
                decided.Count(d => d.Moderator is not null),
                Count(decided, "approve"),
                Count(decided, "remove"),
                Count(decided, "escalate")),
            errorQueues);
    }

    private void ApplyDecision(AuditEntry entry, SubmissionFacts facts)
    {
        var outcome = Value(entry, "outcome") ?? "unknown";
        var isFinal = Value(entry, "final") == "true";
        var moderator = entry.Actor.StartsWith(ModeratorActorPrefix, StringComparison.Ordinal) ? entry.Actor[ModeratorActorPrefix.Length..] : null;
        bool? appealUpheld = null;
        if (isFinal)
        {
            var earlier = facts.Finals.Where(f => f.At <= entry.OccurredAt).MaxBy(f => f.At);
            if (earlier is not null)
            {
                appealUpheld = earlier.Outcome == outcome;
            }

            var decision = new FinalDecision(entry.OccurredAt, outcome, moderator is not null);
            facts.Finals.Add(decision);
        }

        _decisions.Add(new DecisionFact(entry.OccurredAt, moderator, outcome, appealUpheld));
    }

    private SubmissionFacts Facts(Guid submissionId)
    {
        if (!_submissions.TryGetValue(submissionId, out var facts))
        {
            _submissions[submissionId] = facts = new SubmissionFacts();
        }

        return facts;
    }

    private static string? Value(AuditEntry entry, string key) => entry.Data.TryGetValue(key, out var value) ? value : null;

    private static long Count(IEnumerable<DecisionFact> decisions, string outcome) => decisions.Count(d => d.Outcome == outcome);

    private static DateTimeOffset StartOfHour(DateTimeOffset at) => new(at.UtcDateTime.Year, at.UtcDateTime.Month, at.UtcDateTime.Day, at.UtcDateTime.Hour, 0, 0, TimeSpan.Zero);

    /// <summary>Nearest-rank percentiles: the smallest sample with at least p% of the samples at or below it.</summary>
    private static LatencyReading Latency(IEnumerable<TimeSpan> durations)
    {
        var sorted = durations.Select(d => Math.Max(0, d.TotalSeconds)).Order().ToList();
        if (sorted.Count == 0)
        {
            return new LatencyReading(0, null, null, null);
        }

        double Percentile(int p) => sorted[Math.Max(0, (int)Math.Ceiling(p / 100.0 * sorted.Count) - 1)];
        return new LatencyReading(sorted.Count, Percentile(50), Percentile(90), Percentile(99));
    }

    private sealed class SubmissionFacts
    {
        public DateTimeOffset? SubmittedAt { get; set; }

        public string? Kind { get; set; }

        public DateTimeOffset? ClassifiedAt { get; set; }

        public string? Verdict { get; set; }

        public string? TopCategory { get; set; }

        public List<FinalDecision> Finals { get; } = [];

        public DateTimeOffset? FirstFinalAt => Finals.Count == 0 ? null : Finals.Min(f => f.At);

        public FinalDecision? LastModeratorFinal => Finals.Where(f => f.ByModerator).MaxBy(f => f.At);

        /// <summary>A review verdict puts the item in the queue; the first final decision takes it out.</summary>
        public bool IsQueued => Verdict == "review" && ClassifiedAt is not null && Finals.Count == 0;
    }

    private sealed record FinalDecision(DateTimeOffset At, string Outcome, bool ByModerator);

    /// <summary><see cref="AppealUpheld"/> is set on a final decision that followed an earlier one.</summary>
    private sealed record DecisionFact(DateTimeOffset At, string? Moderator, string Outcome, bool? AppealUpheld);
}
