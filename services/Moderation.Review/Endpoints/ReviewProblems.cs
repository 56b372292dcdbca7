using Moderation.Review.Domain;

namespace Moderation.Review.Endpoints;

/// <summary>The problem details (RFC 9457) the review endpoints answer a refusal with.</summary>
internal static class ReviewProblems
{
    public static IResult NotFound(Guid itemId) =>
        Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Unknown review item.", detail: $"No review item {itemId} is queued.");

    public static IResult SubmissionRefused(Guid submissionId, ReviewRefusal refusal) => refusal == ReviewRefusal.NotQueued
        ? Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Unknown submission.", detail: $"Review holds no content of submission {submissionId}.")
        : Results.Problem(statusCode: Status(refusal), title: Title(refusal), detail: Detail(refusal));

    public static IResult Refused(Guid itemId, ReviewRefusal refusal) => refusal == ReviewRefusal.NotQueued
        ? NotFound(itemId)
        : Results.Problem(statusCode: Status(refusal), title: Title(refusal), detail: Detail(refusal));

    /// <summary>
    /// A decision refused on <paramref name="item"/> as it stood; when another moderator holds it, the
    /// problem names them (<c>heldBy</c>) and when their lease ends (<c>leaseExpiresAt</c>), so the caller
    /// knows when to try again. The holder is no secret to the caller: every caller of the decision
    /// endpoints is a moderator, and moderators see who holds an item in the queue itself.
    /// </summary>
    public static IResult DecisionRefused(Guid itemId, ReviewItem? item, ReviewRefusal refusal) =>
        refusal == ReviewRefusal.ClaimedByOther && item is not null
            ? Results.Problem(statusCode: Status(refusal), title: Title(refusal),
                detail: $"Another moderator holds the lease on this item until {item.LeaseUntil:O}.",
                extensions: new Dictionary<string, object?> { ["heldBy"] = item.ClaimedBy, ["leaseExpiresAt"] = item.LeaseUntil })
            : Refused(itemId, refusal);

    public static int Status(ReviewRefusal refusal) => refusal switch
    {
        ReviewRefusal.NotQueued => StatusCodes.Status404NotFound,
        ReviewRefusal.NeedsSeniorModerator or ReviewRefusal.RemovedByCaller => StatusCodes.Status403Forbidden,
        _ => StatusCodes.Status409Conflict,
    };

    public static string Detail(ReviewRefusal refusal) => refusal switch
    {
        ReviewRefusal.NotQueued => "No such item is queued.",
        ReviewRefusal.AlreadyDecided => "This case has a final decision.",
        ReviewRefusal.ClaimedByOther => "Another moderator holds the lease on this item.",
        ReviewRefusal.NeedsSeniorModerator => "An escalated item, or the appeal of a removal at senior tier, is decided by a senior moderator.",
        ReviewRefusal.RemovedByCaller => "You removed this submission; its appeal is decided by another moderator.",
        ReviewRefusal.NotRemoved => "Only a removed submission can be appealed.",
        ReviewRefusal.AlreadyAppealed => "A submission can be appealed once.",
        _ => "Only the moderator who holds a live lease on the item can release or renew it.",
    };

    /// <summary>The reason a bulk decision gives for an item it skipped, as the API spells it.</summary>
    public static string SkipReason(ReviewRefusal refusal) => refusal switch
    {
        ReviewRefusal.NotQueued => "not-found",
        ReviewRefusal.AlreadyDecided => "already-decided",
        ReviewRefusal.ClaimedByOther => "claimed-by-other",
        ReviewRefusal.NeedsSeniorModerator => "needs-senior-moderator",
        ReviewRefusal.RemovedByCaller => "removed-by-caller",
        _ => throw new ArgumentOutOfRangeException(nameof(refusal), refusal, "A decision is never refused so."),
    };

    private static string Title(ReviewRefusal refusal) => refusal switch
    {
        ReviewRefusal.NotQueued => "Not queued.",
        ReviewRefusal.AlreadyDecided => "Already decided.",
        ReviewRefusal.ClaimedByOther => "Claimed by another moderator.",
        ReviewRefusal.NeedsSeniorModerator => "Escalated.",
        ReviewRefusal.RemovedByCaller => "Your own removal.",
        ReviewRefusal.NotRemoved => "Not removed.",
        ReviewRefusal.AlreadyAppealed => "Already appealed.",
        _ => "Not your claim.",
    };
}
