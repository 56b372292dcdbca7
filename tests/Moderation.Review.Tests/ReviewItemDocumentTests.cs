using System.Text.Json;
using Moderation.Contracts;
using Moderation.Review.Domain;
using Moderation.Review.Storage.Documents;

namespace Moderation.Review.Tests;

/// <summary>What both adapters store of an item: a schema of its own, versioned, and still reading what the first releases stored.</summary>
public class ReviewItemDocumentTests
{
    /// <summary>An escalated, removed and appealed reply as the first releases stored it: the public API's JSON of the item, without a schema version.</summary>
    private const string SchemaVersionOne = """
        {"itemId":"01a24db6-f73f-7fbd-bb7f-b7809e7344e2","submissionId":"376f82c8-8a7c-4ddc-bc04-2a1297c11074","createdAt":"2026-11-25T10:00:00+00:00",
        "kind":"comment","title":"Article","text":"You will regret this.","commentId":"00000000-0000-0000-0000-0000000000c1",
        "parentCommentId":"00000000-0000-0000-0000-0000000000c0","parentText":"parent text","verdict":"review","policyVersion":"policy-1",
        "scores":{"harassment":0,"harassment/threatening":0.8},
        "reasons":[{"category":"harassment/threatening","source":"rule:test","detail":"threat","field":"body","span":{"start":0,"end":5}}],
        "topCategory":"harassment/threatening","severity":130,"priority":135,"reportCount":1,"dueAt":"2026-11-25T11:15:00+00:00","escalated":false,
        "decision":null,
        "decisions":[
          {"event":{"submissionId":"376f82c8-8a7c-4ddc-bc04-2a1297c11074","decisionId":"ded81572-a9e1-40f6-85da-7d4f8f6b1f55","outcome":"escalate",
            "actorKind":"moderator","actor":"alice","reasonCode":"threat","note":null,"labels":{"harassment/threatening":1},"isFinal":false,
            "occurredAt":"2026-11-25T10:00:00+00:00","appealOf":null},"publishedAt":null},
          {"event":{"submissionId":"376f82c8-8a7c-4ddc-bc04-2a1297c11074","decisionId":"1f479265-606f-4591-95fe-a4b5ffcab669","outcome":"remove",
            "actorKind":"moderator","actor":"carol","reasonCode":"threat","note":"clear","labels":{"harassment/threatening":1},"isFinal":true,
            "occurredAt":"2026-11-25T10:00:00+00:00","appealOf":null},"publishedAt":"2026-11-25T10:00:00+00:00"}],
        "appeal":{"event":{"submissionId":"376f82c8-8a7c-4ddc-bc04-2a1297c11074","appealId":"635ec0dc-862b-431b-91d7-ad5c7ef67c64",
          "appealOf":"1f479265-606f-4591-95fe-a4b5ffcab669","reason":"satire","occurredAt":"2026-11-25T11:00:00+00:00"},
          "excludedModerators":["carol"],"publishedAt":null},
        "isQueued":true,"hasUnpublishedEvents":true,"excludedModerators":["carol"]}
        """;

    [Fact]
    public void A_document_stored_by_the_first_releases_reads_with_everything_it_held()
    {
        var item = ReviewItemDocument.Read(SchemaVersionOne, ReviewItemState.Claimed, "bob", ReviewSamples.Now.AddMinutes(5));

        Assert.Equal(Guid.Parse("01a24db6-f73f-7fbd-bb7f-b7809e7344e2"), item.ItemId);
        Assert.Equal((ContentKind.Comment, "Article", "You will regret this.", "parent text"), (item.Kind, item.Title, item.Text, item.ParentText));
        Assert.Equal(Verdict.Review, item.Verdict);
        Assert.Equal(0.8, item.Scores[Categories.HarassmentThreatening]);
        Assert.Equal(new EvidenceSpan(0, 5), Assert.Single(item.Reasons).Span);
        Assert.Equal((130.0, 135.0, 1, false), (item.Severity, item.Priority, item.ReportCount, item.Escalated));
        Assert.Equal(ReviewSamples.Now.AddMinutes(75), item.DueAt);
        Assert.Equal([DecisionOutcome.Escalate, DecisionOutcome.Remove], item.Decisions.Select(d => d.Event.Outcome));
        Assert.Equal(1, item.Decisions[1].Event.Labels![Categories.HarassmentThreatening]);
        Assert.Equal([null, ReviewSamples.Now], item.Decisions.Select(d => d.PublishedAt));
        Assert.Equal(item.Decisions[1].Event.DecisionId, item.Appeal!.Event.AppealOf);
        Assert.Equal(["carol"], item.ExcludedModerators);
        Assert.True(item.IsQueued);
        Assert.Equal((ReviewItemState.Claimed, "bob", ReviewSamples.Now.AddMinutes(5)), (item.State, item.ClaimedBy, item.LeaseUntil));
    }

    [Fact]
    public void A_document_is_written_at_the_current_schema_version_with_the_names_of_its_own_schema_and_reads_back_whole()
    {
        var item = ReviewItemDocument.Read(SchemaVersionOne, ReviewItemState.Decided, null, null);

        var json = ReviewItemDocument.Write(item);

        using var written = JsonDocument.Parse(json);
        Assert.Equal(
            ["schemaVersion", "itemId", "submissionId", "createdAt", "kind", "title", "text", "publisher", "commentId", "parentCommentId", "parentText", "verdict",
                "policyVersion", "scores", "reasons", "topCategory", "severity", "priority", "reportCount", "dueAt", "escalated", "decisions", "appeal"],
            written.RootElement.EnumerateObject().Select(p => p.Name));
        Assert.Equal(ReviewItemDocument.CurrentSchemaVersion, written.RootElement.GetProperty("schemaVersion").GetInt32());
        Assert.Equal("remove", written.RootElement.GetProperty("decisions")[1].GetProperty("event").GetProperty("outcome").GetString());
        var reread = ReviewItemDocument.Read(json, ReviewItemState.Decided, null, null);
        Assert.Equal(json, ReviewItemDocument.Write(reread));
        Assert.Equal(item.Decisions[1].Event.DecisionId, reread.Decision!.DecisionId);
    }

    [Fact]
    public void An_appeals_filer_is_stored_with_its_event_and_an_appeal_stored_before_it_was_carried_reads_without_one()
    {
        var item = ReviewItemDocument.Read(SchemaVersionOne, ReviewItemState.Pending, null, null);
        Assert.Null(item.Appeal!.Event.FiledBy);
        item.Appeal = item.Appeal with { Event = item.Appeal.Event with { FiledBy = "townhall-client" } };

        var json = ReviewItemDocument.Write(item);

        using var written = JsonDocument.Parse(json);
        Assert.Equal("townhall-client", written.RootElement.GetProperty("appeal").GetProperty("event").GetProperty("filedBy").GetString());
        Assert.Equal("townhall-client", ReviewItemDocument.Read(json, ReviewItemState.Pending, null, null).Appeal!.Event.FiledBy);
    }

    [Fact]
    public void A_document_of_a_newer_schema_version_is_refused_rather_than_half_read()
    {
        var newer = SchemaVersionOne.Replace("{\"itemId\"", $"{{\"schemaVersion\":{ReviewItemDocument.CurrentSchemaVersion + 1},\"itemId\"", StringComparison.Ordinal);

        var error = Assert.Throws<InvalidDataException>(() => ReviewItemDocument.Read(newer, ReviewItemState.Pending, null, null));
        Assert.Contains("newer release", error.Message, StringComparison.Ordinal);
    }
}
