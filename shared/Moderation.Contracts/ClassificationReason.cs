namespace Moderation.Contracts;

/// <summary>
/// Why a category scored as it did: the rule or model that fired and where in the submitted text.
/// <see cref="Field"/> names the submitted field the span points into (<c>title</c> or <c>body</c>).
/// </summary>
public sealed record ClassificationReason(
    string Category,
    string Source,
    string Detail,
    string Field,
    EvidenceSpan Span);
