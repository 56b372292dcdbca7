using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Moderation.Contracts;

namespace Moderation.Audit.Domain;

/// <summary>
/// The essential fields of each event, as the log keeps them. Texts are kept as their SHA-256. The
/// actor of what a person or client did is the authenticated principal the event carries.
/// </summary>
public static class AuditDrafts
{
    public static AuditDraft From(ArticleSubmitted e) => new(
        $"submitted:{e.SubmissionId}", nameof(ArticleSubmitted), e.SubmissionId, Principal("submitter", e.SubmittedBy), e.OccurredAt,
        new Dictionary<string, string?>
        {
            ["articleId"] = e.ArticleId.ToString(),
            ["source"] = e.Source,
            ["title"] = e.Title,
            ["url"] = e.Url,
            ["externalId"] = e.ExternalId,
            ["bodySha256"] = Sha256(e.Body),
            ["bodyLength"] = e.Body.Length.ToString(CultureInfo.InvariantCulture),
        });

    public static AuditDraft From(CommentSubmitted e) => new(
        $"submitted:{e.SubmissionId}", nameof(CommentSubmitted), e.SubmissionId, Principal("submitter", e.SubmittedBy), e.OccurredAt,
        new Dictionary<string, string?>
        {
            ["commentId"] = e.CommentId.ToString(),
            ["articleId"] = e.ArticleId.ToString(),
            ["parentCommentId"] = e.ParentCommentId?.ToString(),
            ["author"] = e.Author,
            ["bodySha256"] = Sha256(e.Body),
            ["bodyLength"] = e.Body.Length.ToString(CultureInfo.InvariantCulture),
        });

    public static AuditDraft From(ContentClassified e) => new(
        $"classified:{e.SubmissionId}", nameof(ContentClassified), e.SubmissionId, $"classifier:{e.ModelVersion}", e.OccurredAt,
        new Dictionary<string, string?>
        {
            ["kind"] = e.Kind.ToString().ToLowerInvariant(),
            ["verdict"] = e.Verdict.ToString().ToLowerInvariant(),
            ["topCategory"] = e.Scores.Where(s => s.Value > 0).OrderByDescending(s => s.Value).ThenBy(s => s.Key, StringComparer.Ordinal).Select(s => s.Key).FirstOrDefault(),
            ["modelVersion"] = e.ModelVersion,
            ["policyVersion"] = e.PolicyVersion,
            ["topScores"] = string.Join(", ", e.Scores.Where(s => s.Value > 0).OrderByDescending(s => s.Value).Take(3)
                .Select(s => $"{s.Key}={s.Value.ToString("0.###", CultureInfo.InvariantCulture)}")),
            ["reasons"] = string.Join("; ", e.Reasons.Select(r => $"{r.Category} {r.Field}[{r.Span.Start},{r.Span.End})")),
        });

    public static AuditDraft From(ModerationDecided e) => new(
        $"decided:{e.DecisionId}", nameof(ModerationDecided), e.SubmissionId, $"{e.ActorKind.ToString().ToLowerInvariant()}:{e.Actor}", e.OccurredAt,
        new Dictionary<string, string?>
        {
            ["decisionId"] = e.DecisionId.ToString(),
            ["outcome"] = e.Outcome.ToString().ToLowerInvariant(),
            ["reasonCode"] = e.ReasonCode,
            ["note"] = e.Note,
            ["final"] = e.IsFinal ? "true" : "false",
            ["labels"] = e.Labels is null ? null : string.Join(", ", e.Labels.OrderBy(l => l.Key, StringComparer.Ordinal).Select(l => $"{l.Key}={l.Value}")),
            ["appealOf"] = e.AppealOf?.ToString(),
        });

    public static AuditDraft From(AppealFiled e) => new(
        $"appealed:{e.AppealId}", nameof(AppealFiled), e.SubmissionId, Principal("submitter", e.FiledBy), e.OccurredAt,
        new Dictionary<string, string?>
        {
            ["appealId"] = e.AppealId.ToString(),
            ["appealOf"] = e.AppealOf.ToString(),
            ["reasonSha256"] = Sha256(e.Reason),
        });

    public static AuditDraft From(SubmissionReported e) => new(
        $"reported:{e.ReportId}", nameof(SubmissionReported), e.SubmissionId, Principal("submitter", e.ReportedBy), e.OccurredAt,
        new Dictionary<string, string?>
        {
            ["reportId"] = e.ReportId.ToString(),
            ["reportCount"] = e.ReportCount.ToString(CultureInfo.InvariantCulture),
        });

    /// <summary>A redrive concerns no one submission: its entry is filed under the empty submission id.</summary>
    public static AuditDraft From(ErrorQueueRedriven e) => new(
        $"redriven:{e.RedriveId}", nameof(ErrorQueueRedriven), Guid.Empty, Principal("admin", e.RedrivenBy), e.OccurredAt,
        new Dictionary<string, string?>
        {
            ["redriveId"] = e.RedriveId.ToString(),
            ["queue"] = e.Queue,
            ["moved"] = e.Moved.ToString(CultureInfo.InvariantCulture),
        });

    /// <summary>A promotion concerns no one submission: its entry is filed under the empty submission id.</summary>
    public static AuditDraft From(ModelPromoted e) => new(
        $"promoted:{e.Version}", nameof(ModelPromoted), Guid.Empty, Principal("admin", e.PromotedBy), e.OccurredAt,
        new Dictionary<string, string?>
        {
            ["version"] = e.Version,
            ["promotedCategories"] = string.Join(", ", e.PromotedCategories),
            ["comparedWith"] = e.ComparedWith,
        });

    /// <summary>
    /// No person is authenticated when a policy file is read, so the actor is the file itself: the log
    /// records which policy version was in force from when, and who edited the file is the host's to
    /// tell. Filed under the empty submission id.
    /// </summary>
    public static AuditDraft From(PolicyLoaded e) => new(
        $"policy-loaded:{e.LoadId}", nameof(PolicyLoaded), Guid.Empty, "system:policy-file", e.OccurredAt,
        new Dictionary<string, string?>
        {
            ["loadId"] = e.LoadId.ToString(),
            ["version"] = e.Version,
            ["contentSha256"] = e.ContentSha256,
            ["host"] = e.Host,
        });

    /// <summary>A batch's items, each the draft its single event makes, in the message's order: its articles, then its comments.</summary>
    public static IReadOnlyList<AuditDraft> From(BatchSubmitted e) => [.. e.Articles.Select(From), .. e.Comments.Select(From)];

    public static IReadOnlyList<AuditDraft> From(BatchClassified e) => [.. e.Results.Select(From)];

    public static IReadOnlyList<AuditDraft> From(BatchDecided e) => [.. e.Decisions.Select(From)];

    /// <summary>
    /// The actor is the principal the publishing service authenticated, by the role it acted in; an
    /// event from a service that did not yet carry it says so rather than falling back on a field the
    /// client chose (such as the source).
    /// </summary>
    private static string Principal(string role, string? name) => $"{role}:{name ?? "(not recorded)"}";

    private static string Sha256(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
}
