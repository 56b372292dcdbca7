using System.Security.Claims;
using System.Text.Json;
using Microsoft.Extensions.Options;
using Moderation.Client;
using Moderation.Contracts;
using Moderation.Ingestion.Intake;
using Moderation.ServiceDefaults;

namespace Moderation.Ingestion.Endpoints;

/// <summary>
/// <c>POST /api/v1/submissions/batch</c>: NDJSON read line by line (<see cref="NdjsonBatchReader"/>).
/// Each line is checked by <see cref="SubmissionIntake"/> on its own, so a bad line is rejected with
/// its reason and the good ones around it are kept; the good ones are then stored in one write and
/// published as a few batch messages. A declared length over <see cref="IngestionOptions.MaxBatchBytes"/>
/// is refused up front (413); a stream that goes over it, or over <see cref="IngestionOptions.MaxBatchLines"/>,
/// is answered for the lines read, and the first line not read is rejected naming the limit.
/// </summary>
internal static class BatchEndpoint
{
    public const string MediaType = "application/x-ndjson";

    public static async Task<IResult> SubmitBatch(
        HttpContext http, SubmissionIntake intake, IdempotentRequests idempotency, IOptions<IngestionOptions> options)
    {
        var limits = options.Value;
        if (http.Request.ContentLength > limits.MaxBatchBytes)
        {
            return Results.ValidationProblem(
                new Dictionary<string, string[]> { ["body"] = [$"is {http.Request.ContentLength} bytes; a batch may be at most {limits.MaxBatchBytes}."] },
                statusCode: StatusCodes.Status413PayloadTooLarge,
                title: "The request body is too large.");
        }

        if (http.Request.ContentType is not { } contentType || !contentType.StartsWith(MediaType, StringComparison.OrdinalIgnoreCase))
        {
            return Results.ValidationProblem(
                new Dictionary<string, string[]> { ["Content-Type"] = [$"must be {MediaType}."] },
                statusCode: StatusCodes.Status415UnsupportedMediaType,
                title: $"A batch must be {MediaType}.");
        }

        using var reader = new NdjsonBatchReader(http.Request.BodyReader, limits.MaxBatchBytes, limits.MaxBatchLines, limits.MaxRequestBodyBytes);
        return await idempotency.RunAsync(
            http,
            reader.HashAsync,
            async cancellationToken =>
            {
                var threads = intake.NewThreadLookup();
                var checkedLines = new List<(int Number, IntakeOutcome Outcome)>();
                await foreach (var line in reader.ReadLinesAsync(cancellationToken))
                {
                    checkedLines.Add((line.Number, line.Refusal ?? await CheckLineAsync(intake, threads, line.Bytes, http.User, cancellationToken)));
                }

                var stored = await intake.StoreBatchAsync(
                    [.. checkedLines.Select(l => l.Outcome).OfType<ReadySubmission>().Select(r => r.Record)], cancellationToken);
                var results = new List<BatchLineResult>(checkedLines.Count);
                var next = 0;
                foreach (var (number, outcome) in checkedLines)
                {
                    results.Add(LineResult(number, outcome is ReadySubmission ? stored[next++] : outcome));
                }

                return (Answer(results), reader.BodyHash());
            });
    }

    private static IResult Answer(List<BatchLineResult> results)
    {
        var answer = new BatchResult(
            results.Count(r => r.Status == BatchLineStatus.Accepted),
            results.Count(r => r.Status == BatchLineStatus.Duplicate),
            results.Count(r => r.Status == BatchLineStatus.Rejected),
            results);
        if (answer.Accepted + answer.Duplicates > 0)
        {
            return JsonAnswer.Ok(answer);
        }

        var errors = results.Count == 0
            ? new Dictionary<string, string[]> { ["body"] = ["holds no lines."] }
            : results.ToDictionary(r => $"line {r.Line}", r => new[] { r.Error! });
        return Results.ValidationProblem(errors, title: "No line of the batch was accepted.", extensions: new Dictionary<string, object?>
        {
            ["accepted"] = 0,
            ["duplicates"] = 0,
            ["rejected"] = answer.Rejected,
            ["results"] = results,
        });
    }

    private static async Task<IntakeOutcome> CheckLineAsync(SubmissionIntake intake, ThreadLookup threads, byte[] bytes, ClaimsPrincipal caller, CancellationToken cancellationToken)
    {
        var (submittedBy, publisher) = (caller.Identity?.Name, Publishers.Of(caller));
        BatchLine? line;
        try
        {
            line = JsonSerializer.Deserialize<BatchLine>(bytes, ModerationJson.Options);
        }
        catch (JsonException ex)
        {
            return RefuseUnreadable(ex);
        }

        return line switch
        {
            null => RefusedSubmission.Invalid("line", "must be a JSON object."),
            { Kind: "article" } => intake.CheckArticle(
                new SubmittedArticle(line.Source, line.Title, line.Body, line.Url, line.Author, line.ExternalId, line.Language, submittedBy, publisher)),
            { Kind: "comment", ArticleId: { } articleId } => await intake.CheckCommentAsync(
                new SubmittedComment(articleId, line.Author, line.Body, line.ParentCommentId, submittedBy, publisher), threads, cancellationToken),
            { Kind: "comment" } => RefusedSubmission.Invalid("articleId", "is required for a comment."),
            _ => RefusedSubmission.Invalid("kind", "must be \"article\" or \"comment\"."),
        };
    }

    private static BatchLineResult LineResult(int number, IntakeOutcome outcome) => outcome switch
    {
        StoredSubmission stored => new BatchLineResult(number, BatchLineStatus.Accepted, stored.Record.SubmissionId, stored.Record.ArticleId, stored.Record.CommentId),
        DuplicateSubmission duplicate => new BatchLineResult(number, BatchLineStatus.Duplicate, duplicate.First.SubmissionId,
            duplicate.First.ArticleId, duplicate.First.CommentId, DuplicateOf: duplicate.First.SubmissionId),
        RefusedSubmission refused => new BatchLineResult(number, BatchLineStatus.Rejected, Error: refused.Describe()),
        _ => throw new InvalidOperationException($"Unknown outcome {outcome}."),
    };

    private static RefusedSubmission RefuseUnreadable(JsonException exception)
    {
        var field = string.IsNullOrEmpty(exception.Path) || exception.Path == "$" ? "line" : exception.Path.TrimStart('$', '.');
        var reason = exception.Message.StartsWith("The JSON value could not be converted", StringComparison.Ordinal)
            ? "has the wrong JSON type here."
            : exception.Message.Split(" Path:", 2)[0];
        return RefusedSubmission.Invalid(field, reason);
    }
}
