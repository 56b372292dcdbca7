using System.Net;
using System.Net.Http.Json;
using Microsoft.Data.Sqlite;
using Moderation.Client;
using Moderation.Contracts;
using Moderation.Testing;

namespace Moderation.FaultTests;

[Collection(FaultCollection.Name)]
public sealed class StoreOutageTests
{
    [SkippableFact]
    public async Task While_ingestions_store_is_away_for_ten_seconds_it_answers_503_and_everything_resumes_after()
    {
        TestEnvironment.SkipUnlessRabbitMq();
        await using var fleet = await Fleet.StartAsync();
        var ingestion = fleet.Client<IIngestionApi>(Fleet.Ingestion, TestKeys.Submitter);
        var tally = new AuditTally(fleet.Client<IAuditApi>(Fleet.Audit, TestKeys.Auditor));
        var before = await Submitter.SubmitCommentsAsync(ingestion, 20, inFlight: 4);
        var article = await ingestion.GetSubmissionAsync(before[0]);

        using var http = new HttpClient { BaseAddress = fleet[Fleet.Ingestion].Address, Timeout = TimeSpan.FromSeconds(60) };
        http.DefaultRequestHeaders.Add(ModerationApiClients.ApiKeyHeader, TestKeys.Submitter);
        var duringOutage = new List<HttpResponseMessage>();
        await using (var outage = new SqliteConnection(fleet.StoreOf(Fleet.Ingestion)))
        {
            await outage.OpenAsync();
            await using var transaction = (SqliteTransaction)await outage.BeginTransactionAsync();
            await using (var write = outage.CreateCommand())
            {
                write.Transaction = transaction;
                write.CommandText = "DELETE FROM ingestion_submissions WHERE 0";
                await write.ExecuteNonQueryAsync();
            }

            var end = DateTimeOffset.UtcNow.AddSeconds(10);
            while (DateTimeOffset.UtcNow < end)
            {
                duringOutage.Add(await http.PostAsJsonAsync($"/api/v1/articles/{article.ArticleId}/comments",
                    new SubmitCommentRequest("reader", $"written during the outage at {DateTimeOffset.UtcNow:O}")));
            }
        }

        Assert.NotEmpty(duringOutage);
        Assert.All(duringOutage, response =>
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
            Assert.NotNull(response.Headers.RetryAfter);
        });

        var after = await Submitter.SubmitCommentsAsync(ingestion, 20, inFlight: 4);
        var accepted = before.Concat(after).ToList();
        var statuses = await Eventually.GetAsync(
            () => Task.WhenAll(accepted.Select(s => ingestion.GetSubmissionAsync(s))),
            views => views.All(v => v.Status != SubmissionStatus.Received), TimeSpan.FromSeconds(60), "every accepted comment classified");
        Assert.Equal(accepted.Count, statuses.Length);

        await Eventually.GetAsync(() => tally.CountAsync(accepted, nameof(ContentClassified)), n => n == accepted.Count, TimeSpan.FromSeconds(60));
        Assert.All(accepted, s => Assert.Equal(1, tally.Entries(s, nameof(CommentSubmitted))));
        var logged = await fleet.Client<IAuditApi>(Fleet.Audit, TestKeys.Auditor).ListEntriesAsync(limit: 1000);
        Assert.Equal(accepted.Count + 2, logged.Entries.Count(e => e.EventType is nameof(CommentSubmitted) or nameof(ArticleSubmitted)));
    }
}
