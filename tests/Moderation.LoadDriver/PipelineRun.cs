using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text;
using System.Text.Json;
using Moderation.Client;
using Moderation.Contracts;

namespace Moderation.LoadDriver;

/// <summary>
/// Drives the deployed pipeline: submits the mix through Ingestion's HTTP API (one call per
/// submission, or NDJSON batches), keeps a moderator working the review queue, and notes when each
/// accepted submission was sent.
/// </summary>
public sealed class PipelineRun(LoadSettings settings, ContentMix mix, Stopwatch clock)
{
    private const int ArticlePoolSize = 20;

    public ConcurrentDictionary<Guid, TimeSpan> SentAt { get; } = new();

    /// <summary>When, by this machine's clock, each accepted submission's HTTP call was made.</summary>
    public ConcurrentDictionary<Guid, DateTimeOffset> SentAtWallClock { get; } = new();

    /// <summary>How long each accepted submission's HTTP call took to answer.</summary>
    public ConcurrentBag<TimeSpan> AnswerTimes { get; } = [];

    public int Submitted => _submitted;

    public int Refused => _refused;

    /// <summary>Answered as duplicates of an earlier submission: not new, so not followed to a verdict.</summary>
    public int Duplicates => _duplicates;

    private int _submitted;
    private int _refused;
    private int _duplicates;
    private readonly List<Guid> _articles = [];

    public async Task SubmitAsync(HttpClient ingestion, TimeSpan duration, Action<double> progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ingestion);
        ArgumentNullException.ThrowIfNull(progress);
        var api = ModerationApiClients.Create<IIngestionApi>(ingestion, settings.SubmitterKey);
        for (var i = 0; i < ArticlePoolSize; i++)
        {
            var (title, body) = mix.NextArticle();
            var accepted = await api.SubmitArticleAsync(new SubmitArticleRequest("load.example", title, body), cancellationToken);
            _articles.Add(accepted.ArticleId);
        }

        var unitSize = settings.Mode == "batch" ? settings.BatchSize : 1;
        var end = duration;
        var started = clock.Elapsed;
        using var inFlight = new SemaphoreSlim(settings.Concurrency);
        var calls = new List<Task>();
        long units = 0;
        while (clock.Elapsed - started < end)
        {
            if (settings.Rate > 0)
            {
                // Fixed rate: the n-th unit leaves at n / rate seconds, whatever the answers do.
                var due = started + TimeSpan.FromSeconds(units * unitSize / settings.Rate);
                var wait = due - clock.Elapsed;
                if (wait > TimeSpan.Zero)
                {
                    await Task.Delay(wait, cancellationToken);
                }
            }

            await inFlight.WaitAsync(cancellationToken);
            units++;
            calls.Add(Task.Run(async () =>
            {
                try
                {
                    await (unitSize == 1 ? SubmitOneAsync(api, cancellationToken) : SubmitBatchAsync(ingestion, unitSize, cancellationToken));
                }
                finally
                {
                    inFlight.Release();
                }
            }, cancellationToken));
            progress(Math.Min(1, (clock.Elapsed - started) / end));
        }

        await Task.WhenAll(calls);
        progress(1);
    }

    private async Task SubmitOneAsync(IIngestionApi api, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _submitted);
        var sentAt = clock.Elapsed;
        var sentAtWallClock = DateTimeOffset.UtcNow;
        try
        {
            (Guid SubmissionId, Guid? DuplicateOf) answer;
            if (Random.Shared.Next(10) == 0)
            {
                var (title, body) = mix.NextArticle();
                var article = await api.SubmitArticleAsync(new SubmitArticleRequest("load.example", title, body), cancellationToken);
                answer = (article.SubmissionId, article.DuplicateOf);
            }
            else
            {
                var (body, _) = mix.NextComment();
                var comment = await api.SubmitCommentAsync(_articles[Random.Shared.Next(_articles.Count)], new SubmitCommentRequest("load-reader", body), cancellationToken);
                answer = (comment.SubmissionId, comment.DuplicateOf);
            }

            if (answer.DuplicateOf is not null)
            {
                Interlocked.Increment(ref _duplicates);
                return;
            }

            SentAt[answer.SubmissionId] = sentAt;
            SentAtWallClock[answer.SubmissionId] = sentAtWallClock;
            AnswerTimes.Add(clock.Elapsed - sentAt);
        }
        catch (Exception ex) when (ex is HttpRequestException or Refit.ApiException or TaskCanceledException)
        {
            Interlocked.Increment(ref _refused);
        }
    }

    private async Task SubmitBatchAsync(HttpClient ingestion, int lines, CancellationToken cancellationToken)
    {
        var ndjson = new StringBuilder();
        for (var i = 0; i < lines; i++)
        {
            object line;
            if (Random.Shared.Next(10) == 0)
            {
                var (title, body) = mix.NextArticle();
                line = new { kind = "article", source = "load.example", title, body };
            }
            else
            {
                var (body, _) = mix.NextComment();
                line = new { kind = "comment", articleId = _articles[Random.Shared.Next(_articles.Count)], author = "load-reader", body };
            }

            ndjson.Append(JsonSerializer.Serialize(line)).Append('\n');
        }

        Interlocked.Add(ref _submitted, lines);
        var sentAt = clock.Elapsed;
        var sentAtWallClock = DateTimeOffset.UtcNow;
        try
        {
            using var content = new StringContent(ndjson.ToString(), Encoding.UTF8, "application/x-ndjson");
            using var response = await ingestion.PostAsync("/api/v1/submissions/batch", content, cancellationToken);
            response.EnsureSuccessStatusCode();
            var answeredAfter = clock.Elapsed - sentAt;
            using var answer = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken));
            foreach (var result in answer.RootElement.GetProperty("results").EnumerateArray())
            {
                var status = result.GetProperty("status").GetString();
                if (result.TryGetProperty("submissionId", out var id) && id.ValueKind == JsonValueKind.String && status == "accepted")
                {
                    SentAt[id.GetGuid()] = sentAt;
                    SentAtWallClock[id.GetGuid()] = sentAtWallClock;
                    AnswerTimes.Add(answeredAfter);
                }
                else if (status == "duplicate")
                {
                    Interlocked.Increment(ref _duplicates);
                }
                else
                {
                    Interlocked.Increment(ref _refused);
                }
            }
        }
        catch (Exception ex) when (ex is HttpRequestException or JsonException or TaskCanceledException or KeyNotFoundException)
        {
            Interlocked.Add(ref _refused, lines);
        }
    }

    /// <summary>A moderator who claims what the policy queued and decides it, so reviewed items reach a final decision too.</summary>
    public async Task ModerateAsync(HttpClient review, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(review);
        var api = ModerationApiClients.Create<IReviewApi>(review, settings.ModeratorKey);
        var turn = 0;
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                var claimed = await api.ClaimAsync(new ClaimRequest(20), cancellationToken);
                foreach (var item in claimed.Items)
                {
                    var remove = turn++ % 2 == 0;
                    await api.DecideAsync(item.ItemId, new DecisionRequest(remove ? DecisionOutcome.Remove : DecisionOutcome.Approve,
                        remove ? "threat" : "no-violation"), cancellationToken);
                }

                if (claimed.Items.Count == 0)
                {
                    await Task.Delay(100, cancellationToken);
                }
            }
            catch (Refit.ApiException)
            {
                await Task.Delay(200, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}
