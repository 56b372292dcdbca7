using System.Text;
using Microsoft.Extensions.Options;
using Moderation.Ingestion.Domain;
using Moderation.Ingestion.Storage;

namespace Moderation.Ingestion.Intake;

/// <summary>
/// Idempotency-Key handling: the first successful answer to a key (scoped to the caller's API key
/// name, the method and the path) is kept for <see cref="IngestionOptions.IdempotencyKeyLifetime"/>
/// and returned again, byte for byte, to a retry of the same request; the same key with a different
/// request is a 422. Failed answers are not kept, so a corrected request may reuse its key.
/// </summary>
public sealed class IdempotentRequests(
    ISubmissionStore store,
    IOptions<IngestionOptions> options,
    IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> json,
    TimeProvider clock)
{
    public const string HeaderName = "Idempotency-Key";
    public const string ReplayedHeaderName = "Idempotent-Replayed";

    /// <param name="hashRequest">Hashes the request without acting on it (for a retry).</param>
    /// <param name="handle">Acts on the request and returns the answer and the request's hash.</param>
    public async Task<IResult> RunAsync(
        HttpContext httpContext,
        Func<CancellationToken, Task<string>> hashRequest,
        Func<CancellationToken, Task<(IResult Answer, string RequestHash)>> handle)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        ArgumentNullException.ThrowIfNull(hashRequest);
        ArgumentNullException.ThrowIfNull(handle);
        var cancellationToken = httpContext.RequestAborted;
        if (!httpContext.Request.Headers.TryGetValue(HeaderName, out var values))
        {
            return (await handle(cancellationToken)).Answer;
        }

        var key = values.ToString();
        var limits = options.Value;
        if (key.Length == 0 || key.Length > limits.MaxIdempotencyKeyLength || values.Count > 1 || key.Any(c => c is < '!' or > '~'))
        {
            return Results.ValidationProblem(
                new Dictionary<string, string[]> { [HeaderName] = [$"must be one value of 1 to {limits.MaxIdempotencyKeyLength} visible ASCII characters."] },
                title: RefusedSubmission.InvalidTitle);
        }

        var scoped = $"{httpContext.User.Identity?.Name}|{httpContext.Request.Method} {httpContext.Request.Path}|{key}";
        var now = clock.GetUtcNow();
        var kept = await store.FindAnswerAsync(scoped, now - limits.IdempotencyKeyLifetime, cancellationToken);
        if (kept is not null)
        {
            return await hashRequest(cancellationToken) == kept.RequestHash
                ? Replay(kept)
                : Results.ValidationProblem(
                    new Dictionary<string, string[]> { [HeaderName] = ["was first used with a different request; a new request needs a new key."] },
                    statusCode: StatusCodes.Status422UnprocessableEntity,
                    title: "The Idempotency-Key belongs to another request.");
        }

        var (answer, requestHash) = await handle(cancellationToken);
        if (answer is JsonAnswer success)
        {
            await store.SaveAnswerAsync(
                new IdempotentAnswer(scoped, requestHash, success.StatusCode!.Value, success.ToJson(json.Value.SerializerOptions), success.Location, now),
                now - limits.IdempotencyKeyLifetime,
                CancellationToken.None);
        }

        return answer;
    }

    private static IResult Replay(IdempotentAnswer kept) => new ReplayedAnswer(kept);

    private sealed class ReplayedAnswer(IdempotentAnswer kept) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.StatusCode = kept.StatusCode;
            httpContext.Response.ContentType = "application/json; charset=utf-8";
            httpContext.Response.Headers[ReplayedHeaderName] = "true";
            if (kept.Location is not null)
            {
                httpContext.Response.Headers.Location = kept.Location;
            }

            return httpContext.Response.WriteAsync(kept.Body, Encoding.UTF8);
        }
    }
}
