using Moderation.Audit.Domain;
using Moderation.Audit.Domain.Chain;
using Moderation.Audit.Domain.Dashboard;
using Dto = Moderation.Client;

namespace Moderation.Audit.Endpoints;

/// <summary>
/// The public API's view of Audit's own types. The domain may change shape; the JSON that users
/// script against changes only by added fields, so every field is mapped here by name.
/// </summary>
public static class AuditViews
{
    public static Dto.AuditEntryView ToView(this AuditEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return new(entry.Sequence, entry.OccurredAt, entry.EventType, entry.SubmissionId, entry.Actor, entry.Data, entry.PreviousHash, entry.Hash);
    }

    public static Dto.AuditVerification ToView(this ChainVerification verification)
    {
        ArgumentNullException.ThrowIfNull(verification);
        return new(verification.Ok, verification.Entries, verification.FirstBrokenSequence);
    }

    public static Dto.StatsOverview ToView(this DashboardReading overview)
    {
        ArgumentNullException.ThrowIfNull(overview);
        var totals = overview.Totals;
        var queue = overview.Queue;
        var decisions = overview.Decisions;
        return new(
            overview.From,
            overview.To,
            overview.GeneratedAt,
            overview.LastSequence,
            new Dto.SubmissionTotals(totals.Submissions, totals.Articles, totals.Comments, totals.Allow, totals.Review, totals.Block, totals.Pending),
            [.. overview.Hourly.Select(h => new Dto.HourlySubmissions(h.Hour, h.Kind, h.Verdict, h.Category, h.Count))],
            new Dto.QueueFigures(queue.Depth, queue.OldestItemAgeSeconds, queue.PastSla, queue.SlaSeconds),
            ToView(overview.TimeToVerdict),
            ToView(overview.TimeToFinalDecision),
            [.. overview.Moderators.Select(m => new Dto.ModeratorFigures(m.Moderator, m.Decisions, m.Approved, m.Removed, m.Escalated))],
            [.. overview.Agreement.Select(a => new Dto.ClassifierAgreement(a.Category, a.Verdict, a.Judged, a.Agreed, a.Precision))],
            new Dto.AppealFigures(overview.Appeals.Decided, overview.Appeals.Upheld, overview.Appeals.Overturned),
            new Dto.DecisionTotals(decisions.Decisions, decisions.ByPolicy, decisions.ByModerators, decisions.Approved, decisions.Removed, decisions.Escalated),
            new Dto.ErrorQueueFigures(
                overview.ErrorQueues.Counted,
                overview.ErrorQueues.Messages,
                [.. overview.ErrorQueues.Queues.Select(q => new Dto.ErrorQueueView(q.Queue, q.ErrorQueue, q.Messages))],
                overview.ErrorQueues.Note));
    }

    public static Dto.AuditCheckpoint ToView(this SignedCheckpoint checkpoint)
    {
        ArgumentNullException.ThrowIfNull(checkpoint);
        return new(checkpoint.Sequence, checkpoint.Hash, checkpoint.Signature, checkpoint.KeyId, checkpoint.IssuedAt, SignedCheckpoint.Algorithm);
    }

    public static SignedCheckpoint ToCheckpoint(this Dto.AuditCheckpoint checkpoint)
    {
        ArgumentNullException.ThrowIfNull(checkpoint);
        return new(checkpoint.Sequence, checkpoint.Hash, checkpoint.IssuedAt, checkpoint.KeyId, checkpoint.Signature);
    }

    public static Dto.AuditExportedEntry ToExported(this AuditEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return new(entry.Sequence, entry.EventKey, entry.EventType, entry.SubmissionId, entry.Actor, entry.OccurredAt, entry.Data, entry.KeyId, entry.PreviousHash, entry.Hash);
    }

    public static AuditEntry ToEntry(this Dto.AuditExportedEntry exported)
    {
        ArgumentNullException.ThrowIfNull(exported);
        return new(exported.Sequence, exported.EventKey, exported.EventType, exported.SubmissionId, exported.Actor, exported.OccurredAt,
            exported.Data, exported.PreviousHash, exported.Hash, exported.KeyId);
    }

    private static Dto.LatencyFigures ToView(LatencyReading latency) =>
        new(latency.Count, latency.P50Seconds, latency.P90Seconds, latency.P99Seconds);
}
