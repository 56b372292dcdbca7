using Moderation.Client;
using Moderation.Contracts;
using Moderation.ServiceDefaults;
using Moderation.Testing;

namespace Moderation.SecurityTests;

/// <summary>
/// A threat walked by people signed in as themselves: alice claims and removes it, the publisher's
/// editor tess appeals, alice may not take the appeal of her own removal, bob claims it and approves,
/// and each decision is logged under its own person's name. The hosts may be one (all four services)
/// or four (one per service).
/// </summary>
public sealed class TwoPersonWalk(TestIssuer issuer, ServiceHost ingestion, ServiceHost review, ServiceHost audit)
{
    public const string Threat = "You know what is coming. You could be vaporized in your car tonight.";

    /// <summary>Who the walk needs the issuer to know.</summary>
    public static IReadOnlyList<TestPerson> People { get; } =
    [
        new("alice", [Roles.Moderator]),
        new("bob", [Roles.Moderator]),
        new("tess", [Roles.Submitter], TestKeys.Publisher),
    ];

    public async Task WalkAsync()
    {
        var platform = ingestion.Client<IIngestionApi>(TestKeys.Submitter);
        var article = await platform.SubmitArticleAsync(new SubmitArticleRequest("news.example", "Council vote", "The council voted on the budget."));
        var comment = await platform.SubmitCommentAsync(article.ArticleId, new SubmitCommentRequest("reader42", Threat));

        var alice = review.BearerClient<IReviewApi>(await issuer.TokenAsync("alice"));
        var bob = review.BearerClient<IReviewApi>(await issuer.TokenAsync("bob"));
        var items = await Eventually.GetAsync(async () => (await alice.ClaimAsync(new ClaimRequest(5))).Items,
            claimed => claimed.Any(i => i.SubmissionId == comment.SubmissionId), what: "alice's claim on the comment");
        var claimed = Assert.Single(items, i => i.SubmissionId == comment.SubmissionId);
        Assert.Equal("alice", claimed.ClaimedBy);
        await alice.DecideAsync(claimed.ItemId, new DecisionRequest(DecisionOutcome.Remove, "threat", "threat against the reader"));
        await Eventually.GetAsync(() => platform.GetSubmissionAsync(comment.SubmissionId), v => v.Status == SubmissionStatus.Removed, what: "alice's removal");

        // The publisher's trust and safety editor files the author's appeal, signed in as herself.
        var tess = review.BearerClient<IReviewApi>(await issuer.TokenAsync("tess"));
        await tess.AppealAsync(new AppealRequest(comment.SubmissionId, "It quotes a film."));
        await Eventually.GetAsync(() => platform.GetSubmissionAsync(comment.SubmissionId), v => v.Status == SubmissionStatus.InReview, what: "the appeal reaching ingestion");

        // The appeal of alice's removal is for someone else.
        Assert.DoesNotContain((await alice.ClaimAsync(new ClaimRequest(5))).Items, i => i.ItemId == claimed.ItemId);
        var reopened = Assert.Single((await bob.ClaimAsync(new ClaimRequest(5))).Items, i => i.ItemId == claimed.ItemId);
        Assert.Equal("bob", reopened.ClaimedBy);
        await bob.DecideAsync(reopened.ItemId, new DecisionRequest(DecisionOutcome.Approve, "no-violation", "a film quote"));

        var admin = ingestion.Client<IIngestionApi>(TestKeys.Admin);
        var approved = await Eventually.GetAsync(() => admin.GetSubmissionAsync(comment.SubmissionId), v => v.Status == SubmissionStatus.Approved, what: "bob's approval");
        Assert.Equal("bob", approved.Decision!.Actor);

        var auditor = audit.Client<IAuditApi>(TestKeys.Auditor);
        var log = await Eventually.GetAsync(() => auditor.ListEntriesAsync(comment.SubmissionId),
            p => p.Entries.Count(e => e.EventType == nameof(ModerationDecided)) == 2, what: "both people's decisions in the audit log");
        var decisions = log.Entries.Where(e => e.EventType == nameof(ModerationDecided)).ToList();
        Assert.Contains("alice", decisions[0].Actor, StringComparison.Ordinal);
        Assert.Contains("bob", decisions[1].Actor, StringComparison.Ordinal);
        Assert.True((await auditor.VerifyAsync()).Ok);
    }
}
