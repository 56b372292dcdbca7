using Moderation.Client;

namespace Moderation.FaultTests;

/// <summary>Sends many comments under one article with a bounded number of calls in flight.</summary>
public static class Submitter
{
    public static async Task<IReadOnlyList<Guid>> SubmitCommentsAsync(IIngestionApi ingestion, int count, int inFlight, Func<int, Task>? afterEach = null)
    {
        ArgumentNullException.ThrowIfNull(ingestion);
        // Each call its own article: the same text from the same source again would be a duplicate of the first.
        var article = await ingestion.SubmitArticleAsync(new SubmitArticleRequest("faults.example", "A calm article", $"Nothing to see here ({Guid.NewGuid():N})."));
        var accepted = new Guid[count];
        using var gate = new SemaphoreSlim(inFlight);
        var sent = 0;
        var calls = Enumerable.Range(0, count).Select(async i =>
        {
            await gate.WaitAsync();
            try
            {
                var text = i % 10 == 0
                    ? $"Comment {i}: the mayor could be vaporized in his car tonight."
                    : $"Comment {i}: thanks for the report, very clear.";
                accepted[i] = (await ingestion.SubmitCommentAsync(article.ArticleId, new SubmitCommentRequest("reader", text))).SubmissionId;
                if (afterEach is not null)
                {
                    await afterEach(Interlocked.Increment(ref sent));
                }
            }
            finally
            {
                gate.Release();
            }
        });
        await Task.WhenAll(calls);
        return accepted;
    }
}
