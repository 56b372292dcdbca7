using System.Text.Json.Nodes;
using Moderation.Contracts;
using Moderation.Ingestion.Domain;
using Moderation.Ingestion.Storage;

namespace Moderation.Ingestion.Tests;

/// <summary>What the stores keep of a submission: its own schema, versioned, and the documents written before it still read.</summary>
public sealed class SubmissionDocumentTests
{
    /// <summary>A submission as schema 1 stored it: the record in the public API's JSON, without a schema version.</summary>
    private const string SchemaOneDocument = """
        {"submissionId":"0195f000-0000-7000-8000-000000000001","kind":"comment","articleId":"0195f000-0000-7000-8000-000000000002","commentId":"0195f000-0000-7000-8000-000000000003","parentCommentId":null,"source":"example.org","title":"An article","body":"A comment","url":null,"author":"reader","externalId":null,"language":null,"receivedAt":"2026-11-25T10:00:00+00:00","publishedAt":"2026-11-25T10:00:00.5+00:00","contentHash":"2ef8c921995fe4e1ee84e37c4aca0c1c88c727e9f4d85e3348312d20967361ce","verdict":"review","scores":{"harassment/threatening":0.8,"violence":0.3},"reasons":[{"category":"harassment/threatening","source":"rule:test","detail":"threat","field":"body","span":{"start":0,"end":4}}],"modelVersion":"model-1","policyVersion":"policy-1","decision":{"decisionId":"0195f000-0000-7000-8000-000000000004","outcome":"remove","actorKind":"moderator","actor":"alice","reasonCode":"threat","note":null,"decidedAt":"2026-11-25T10:00:02+00:00"},"timeline":[{"at":"2026-11-25T10:00:00+00:00","status":"received","detail":"Received from example.org."},{"at":"2026-11-25T10:00:01+00:00","status":"classified","detail":"Classified review by policy policy-1, model model-1; top category harassment/threatening (0.80)."},{"at":"2026-11-25T10:00:01+00:00","status":"in_review","detail":"Queued for a moderator."},{"at":"2026-11-25T10:00:02+00:00","status":"removed","detail":"Remove by moderator alice (threat)."}],"openAppealOf":null,"appliedEvents":["classified","decision:0195f000-0000-7000-8000-000000000004"],"status":"removed"}
        """;

    [Fact]
    public void A_schema_one_document_reads_as_the_submission_it_stored()
    {
        var record = SubmissionDocument.Deserialize(SchemaOneDocument);

        Assert.Equal((ContentKind.Comment, "reader", "A comment"), (record.Kind, record.Author, record.Body));
        Assert.Equal("2ef8c921995fe4e1ee84e37c4aca0c1c88c727e9f4d85e3348312d20967361ce", record.ContentHash);
        Assert.Equal(new DateTimeOffset(2026, 11, 25, 10, 0, 0, 500, TimeSpan.Zero), record.PublishedAt);
        Assert.Equal((Verdict.Review, 0.8), (record.Verdict, record.Scores![Categories.HarassmentThreatening]));
        Assert.Equal(new EvidenceSpan(0, 4), Assert.Single(record.Reasons!).Span);
        Assert.Equal((DecisionOutcome.Remove, DecisionActorKind.Moderator, "alice"), (record.Decision!.Outcome, record.Decision.ActorKind, record.Decision.Actor));
        Assert.Equal(
            [SubmissionState.Received, SubmissionState.Classified, SubmissionState.InReview, SubmissionState.Removed],
            record.Timeline.Select(t => t.State));
        Assert.Equal(SubmissionState.Removed, record.Status);
        Assert.False(record.Apply(SubmissionRecordTests.Decided(record.SubmissionId, DecisionOutcome.Remove) with { DecisionId = record.Decision.DecisionId }));
    }

    [Fact]
    public void A_submission_is_stored_with_the_current_schema_version_and_reads_back_the_same()
    {
        var record = SubmissionRecordTests.NewComment();
        record.Apply(SubmissionRecordTests.Classified(record.SubmissionId, Verdict.Review));
        record.Apply(SubmissionRecordTests.Decided(record.SubmissionId, DecisionOutcome.Remove));

        var json = SubmissionDocument.Serialize(record);
        var read = SubmissionDocument.Deserialize(json);

        Assert.Equal(SubmissionDocument.CurrentSchemaVersion, JsonNode.Parse(json)!["schemaVersion"]!.GetValue<int>());
        Assert.Equal(json, SubmissionDocument.Serialize(read));
        Assert.Equal(record.ContentHash, read.ContentHash);
        Assert.Equal(record.Status, read.Status);
        Assert.Equal(record.Timeline, read.Timeline);
        Assert.Equal(record.Decision, read.Decision);
    }

    [Fact]
    public void A_document_of_a_newer_schema_is_refused_rather_than_misread()
    {
        var newer = JsonNode.Parse(SchemaOneDocument)!;
        newer["schemaVersion"] = SubmissionDocument.CurrentSchemaVersion + 1;

        var refused = Assert.Throws<InvalidDataException>(() => SubmissionDocument.Deserialize(newer.ToJsonString()));
        Assert.Contains($"schema {SubmissionDocument.CurrentSchemaVersion + 1}", refused.Message, StringComparison.Ordinal);
    }
}
