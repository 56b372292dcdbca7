using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Moderation.Client;
using Moderation.Contracts;
using Moderation.ServiceDefaults;
using Moderation.Testing;

namespace Moderation.IntegrationTests;

/// <summary>
/// A publisher's NDJSON batch of articles and comments, some of them threats, walked through the
/// whole pipeline: every line reaches its verdict and the status its verdict calls for, and the
/// audit log holds each step of each submission exactly once, however the batch was carried; and a
/// trace search by any one submission's id finds every service's work on it, in the call's trace.
/// </summary>
public sealed class BatchWalk(IIngestionApi ingestion, IAuditApi auditor, ActivityCollector traces)
{
    public const int Lines = 250;

    public async Task WalkAsync()
    {
        var article = await ingestion.SubmitArticleAsync(new SubmitArticleRequest("batch.example", "City council passes the budget",
            "The council voted 7 to 2 on Tuesday to pass next year's budget after a long public hearing."));
        var ndjson = new StringBuilder();
        for (var line = 0; line < Lines; line++)
        {
            object entry = (line % 10) switch
            {
                0 => new { kind = "article", source = "batch.example", title = $"Library hours extended, part {line}", body = $"The central library opens two hours longer on weekdays from next month, notice {line}." },
                3 => new { kind = "comment", articleId = article.ArticleId, author = $"reader-{line}", body = $"Councillor {line} knows what is coming. She could be vaporized in her car tonight." },
                _ => new { kind = "comment", articleId = article.ArticleId, author = $"reader-{line}", body = $"Thanks for covering the hearing, point {line} was the one I wanted to read about." },
            };
            ndjson.Append(JsonSerializer.Serialize(entry)).Append('\n');
        }

        using var content = new StringContent(ndjson.ToString(), Encoding.UTF8);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/x-ndjson");
        BatchResult batch;
        ActivityTraceId batchTrace;
        using (var submit = ActivityCollector.TestSource.StartActivity("submit batch"))
        {
            batchTrace = submit!.TraceId;
            batch = await ingestion.SubmitBatchAsync(content);
        }

        Assert.Equal((Lines, 0, 0), (batch.Accepted, batch.Duplicates, batch.Rejected));
        var submissions = batch.Results.Select(r => r.SubmissionId!.Value).ToArray();

        var views = new Dictionary<Guid, SubmissionView>();
        foreach (var submissionId in submissions)
        {
            views[submissionId] = await Eventually.GetAsync(() => ingestion.GetSubmissionAsync(submissionId),
                v => v.Verdict is Verdict.Review ? v.Status == SubmissionStatus.InReview : v.Decision is not null,
                TimeSpan.FromSeconds(60), $"the verdict and status of batch submission {submissionId}");
        }

        var threats = batch.Results.Where(r => (r.Line - 1) % 10 == 3).Select(r => r.SubmissionId!.Value).ToHashSet();
        Assert.All(threats, id => Assert.Equal(Verdict.Review, views[id].Verdict));
        Assert.All(views.Values.Where(v => v.Verdict == Verdict.Allow), v => Assert.Equal(SubmissionStatus.Approved, v.Status));
        Assert.Equal(Lines - threats.Count, views.Values.Count(v => v.Verdict == Verdict.Allow));

        var expected = views.Values.Sum(v => v.Verdict == Verdict.Review ? 2 : 3);
        var entries = await Eventually.GetAsync(() => ReadEntriesAsync(submissions.ToHashSet()), e => e.Count >= expected,
            TimeSpan.FromSeconds(60), $"{expected} audit entries for the batch");
        foreach (var (submissionId, view) in views)
        {
            List<string> steps = [view.Kind == ContentKind.Article ? nameof(ArticleSubmitted) : nameof(CommentSubmitted), nameof(ContentClassified)];
            if (view.Verdict != Verdict.Review)
            {
                steps.Add(nameof(ModerationDecided));
            }

            Assert.Equal(steps.Order(StringComparer.Ordinal),
                entries.Where(e => e.SubmissionId == submissionId).Select(e => e.EventType).Order(StringComparer.Ordinal));
        }

        Assert.True((await auditor.VerifyAsync()).Ok);

        AssertTracedAcrossServices(threats.First(), batchTrace,
            "Moderation.Classification.Consumers.BatchSubmittedConsumer",
            "Moderation.Review.Consumers.ReviewBatchSnapshotConsumer",
            "Moderation.Review.Consumers.ReviewBatchClassifiedConsumer",
            "Moderation.Ingestion.Consumers.BatchClassifiedConsumer",
            "Moderation.Audit.Consumers.AuditTrailConsumer");
        AssertTracedAcrossServices(views.Values.First(v => v.Kind == ContentKind.Article).SubmissionId, batchTrace,
            "Moderation.Classification.Consumers.BatchSubmittedConsumer",
            "Moderation.Classification.Consumers.BatchDecidedLearningConsumer",
            "Moderation.Ingestion.Consumers.BatchDecidedConsumer",
            "Moderation.Audit.Consumers.AuditTrailConsumer");
    }

    private void AssertTracedAcrossServices(Guid submissionId, ActivityTraceId batchTrace, params string[] consumers)
    {
        var spans = traces.For(submissionId);
        Assert.All(spans, span => Assert.Equal(batchTrace, span.TraceId));
        Assert.Contains(spans, span => span.Kind == ActivityKind.Server);
        var consumedBy = spans.Where(s => s.Kind == ActivityKind.Consumer)
            .Select(s => s.GetTagItem("messaging.masstransit.consumer_type") as string ?? s.DisplayName).ToList();
        foreach (var consumer in consumers)
        {
            Assert.Contains(consumedBy, c => c.Equals(consumer, StringComparison.Ordinal));
        }

        Assert.All(spans.Where(s => s.Kind == ActivityKind.Consumer), s => Assert.NotNull(s.GetTagItem(Telemetry.BatchIdTag)));
    }

    private async Task<List<AuditEntryView>> ReadEntriesAsync(HashSet<Guid> submissions)
    {
        var entries = new List<AuditEntryView>();
        long? after = null;
        while (true)
        {
            var page = await auditor.ListEntriesAsync(after: after, limit: 500);
            entries.AddRange(page.Entries.Where(e => submissions.Contains(e.SubmissionId)));
            if (page.NextAfter is not { } next || page.Entries.Count == 0)
            {
                return entries;
            }

            after = next;
        }
    }
}
