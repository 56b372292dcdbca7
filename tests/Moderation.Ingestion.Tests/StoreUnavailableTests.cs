using System.Net;
using System.Net.Http.Json;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Moderation.Client;
using Moderation.Ingestion.Storage;
using Moderation.Testing;

namespace Moderation.Ingestion.Tests;

/// <summary>While the store cannot take a write, ingestion says "come back later" and stores nothing.</summary>
public sealed class StoreUnavailableTests : IAsyncLifetime
{
    private ServiceHost _host = null!;

    public async Task InitializeAsync() =>
        _host = await ServiceHost.StartAsync("ingestion-store-test", new Dictionary<string, string?>
        {
            ["Storage:SqliteBusyTimeout"] = "00:00:01",
        }, b => b.AddIngestion(), r => r.MapIngestion());

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task A_submission_while_the_store_is_locked_is_a_503_with_retry_after_and_leaves_nothing()
    {
        var http = _host.Http();
        http.DefaultRequestHeaders.Add("X-Api-Key", TestKeys.Submitter);
        var article = new SubmitArticleRequest("news.example", "Title", "Body");

        HttpResponseMessage refused;
        await using (var holder = new SqliteConnection(_host.Store.ConnectionString))
        {
            await holder.OpenAsync();
            await using var transaction = (SqliteTransaction)await holder.BeginTransactionAsync();
            await using (var write = holder.CreateCommand())
            {
                write.Transaction = transaction;
                write.CommandText = "DELETE FROM ingestion_submissions WHERE 0";
                await write.ExecuteNonQueryAsync();
            }

            refused = await http.PostAsJsonAsync("/api/v1/articles", article);
        }

        Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(5), refused.Headers.RetryAfter?.Delta);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        var store = _host.Services.GetRequiredService<ISubmissionStore>();
        Assert.Empty(await store.ListPendingAsync(DateTimeOffset.MaxValue, 10, CancellationToken.None));

        var accepted = await http.PostAsJsonAsync("/api/v1/articles", article);
        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
    }
}
