using System.Buffers;
using System.IO.Pipelines;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Unicode;
using Microsoft.Extensions.Options;
using Moderation.Client;
using Moderation.Contracts;
using Moderation.Ingestion.Storage;

namespace Moderation.Ingestion.Intake;

/// <summary>
/// <c>POST /api/v1/submissions/batch</c>: NDJSON read line by line from the request's pipe, never
/// whole. Each line is checked by <see cref="SubmissionIntake"/> on its own, so a bad line is
/// rejected with its reason and the good ones around it are kept; the good ones are then stored in
/// one write and published as a few batch messages. At most
/// <see cref="IngestionOptions.MaxBatchLines"/> lines and <see cref="IngestionOptions.MaxBatchBytes"/>
/// bytes are read: a declared length over the limit is refused up front (413); a stream that goes
/// over it is answered for the lines read, and the first line not read is rejected naming the limit.
/// </summary>
public static class BatchIntake
{
    public const string MediaType = "application/x-ndjson";

    public static async Task<IResult> SubmitBatch(
        HttpContext http, SubmissionIntake intake, IdempotentRequests idempotency, IOptions<IngestionOptions> options)
    {
        ArgumentNullException.ThrowIfNull(http);
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

        return await idempotency.RunAsync(
            http,
            cancellationToken => HashAsync(http.Request.BodyReader, limits.MaxBatchBytes, cancellationToken),
            async cancellationToken =>
            {
                using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
                var threads = intake.NewThreadLookup();
                var checkedLines = new List<CheckedLine>();
                await foreach (var line in ReadLinesAsync(http.Request.BodyReader, limits, hash, cancellationToken))
                {
                    checkedLines.Add(line.Error is { } error
                        ? new CheckedLine(line.Number, null, error)
                        : new CheckedLine(line.Number, await CheckLineAsync(intake, threads, line.Bytes, cancellationToken), null));
                }

                var stored = await intake.StoreBatchAsync(
                    [.. checkedLines.Select(l => l.Outcome).OfType<ReadySubmission>().Select(r => r.Record)], cancellationToken);
                var results = new List<BatchLineResult>(checkedLines.Count);
                var next = 0;
                foreach (var line in checkedLines)
                {
                    results.Add(line switch
                    {
                        { Error: { } error } => new BatchLineResult(line.Number, BatchLineStatus.Rejected, Error: error),
                        { Outcome: ReadySubmission } => LineResult(line.Number, stored[next++]),
                        _ => LineResult(line.Number, line.Outcome!),
                    });
                }

                return (Answer(results), Convert.ToHexStringLower(hash.GetHashAndReset()));
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

    /// <summary>A line as read and checked: refused by the reader (<see cref="Error"/>) or what the intake's checks made of it.</summary>
    private sealed record CheckedLine(int Number, IntakeOutcome? Outcome, string? Error);

    private static async Task<IntakeOutcome> CheckLineAsync(SubmissionIntake intake, ThreadLookup threads, byte[] bytes, CancellationToken cancellationToken)
    {
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
            null => Refuse("line", "must be a JSON object."),
            { Kind: "article" } => intake.CheckArticle(
                new SubmitArticleRequest(line.Source, line.Title, line.Body, line.Url, line.Author, line.ExternalId, line.Language)),
            { Kind: "comment", ArticleId: { } articleId } => await intake.CheckCommentAsync(
                articleId, new SubmitCommentRequest(line.Author, line.Body, line.ParentCommentId), threads, cancellationToken),
            { Kind: "comment" } => Refuse("articleId", "is required for a comment."),
            _ => Refuse("kind", "must be \"article\" or \"comment\"."),
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

    private static RefusedSubmission Refuse(string field, string message) =>
        new(StatusCodes.Status400BadRequest, SubmissionIntake.InvalidTitle, new Dictionary<string, string[]> { [field] = [message] });

    private static RefusedSubmission RefuseUnreadable(JsonException exception)
    {
        var field = string.IsNullOrEmpty(exception.Path) || exception.Path == "$" ? "line" : exception.Path.TrimStart('$', '.');
        var reason = exception.Message.StartsWith("The JSON value could not be converted", StringComparison.Ordinal)
            ? "has the wrong JSON type here."
            : exception.Message.Split(" Path:", 2)[0];
        return Refuse(field, reason);
    }

    private sealed record RawLine(int Number, byte[] Bytes, string? Error);

    /// <summary>The batch's lines, as bytes, with the line limits applied; blank lines are skipped but counted.</summary>
    private static async IAsyncEnumerable<RawLine> ReadLinesAsync(
        PipeReader reader, IngestionOptions limits, IncrementalHash hash, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var maxLineBytes = limits.MaxRequestBodyBytes;
        var number = 0;
        var taken = 0;
        long bytesRead = 0;
        var overlong = false;
        while (true)
        {
            var read = await reader.ReadAsync(cancellationToken);
            var buffer = read.Buffer;
            var lines = new List<RawLine>();
            string? stop = null;
            while (stop is null && TakeLine(ref buffer, read.IsCompleted, out var line))
            {
                bytesRead += line.Length + 1;
                AppendLine(hash, line);
                number++;
                if (bytesRead > limits.MaxBatchBytes + 1)
                {
                    stop = $"body: the batch is larger than {limits.MaxBatchBytes} bytes; this line and those after it were not read.";
                }
                else if (overlong || line.Length > maxLineBytes)
                {
                    lines.Add(new RawLine(number, [], $"line: is longer than {maxLineBytes} bytes."));
                    overlong = false;
                }
                else if (!IsBlank(line))
                {
                    if (++taken > limits.MaxBatchLines)
                    {
                        stop = $"body: the batch holds more than {limits.MaxBatchLines} lines; this line and those after it were not read.";
                    }
                    else
                    {
                        var bytes = line.ToArray();
                        lines.Add(Utf8.IsValid(bytes) ? new RawLine(number, bytes, null) : new RawLine(number, [], "line: is not valid UTF-8."));
                    }
                }
            }

            if (stop is null && !read.IsCompleted && buffer.Length > maxLineBytes)
            {
                // A line longer than any line may be: drop what is buffered of it and reject it when its end comes.
                bytesRead += buffer.Length;
                hash.AppendData(buffer.ToArray());
                overlong = true;
                buffer = buffer.Slice(buffer.End);
            }

            reader.AdvanceTo(buffer.Start, buffer.End);
            foreach (var line in lines)
            {
                yield return line;
            }

            if (stop is not null)
            {
                if (taken > limits.MaxBatchLines)
                {
                    // The lines past the limit are not acted on, but a retry is recognised by the whole body.
                    await HashRestAsync(reader, hash, bytesRead, limits.MaxBatchBytes, cancellationToken);
                }

                yield return new RawLine(number, [], stop);
                yield break;
            }

            if (read.IsCompleted && buffer.IsEmpty)
            {
                if (overlong)
                {
                    yield return new RawLine(number + 1, [], $"line: is longer than {maxLineBytes} bytes.");
                }

                yield break;
            }
        }
    }

    /// <summary>Takes the next line off the buffer; at the end of the body, what is left is the last line.</summary>
    private static bool TakeLine(ref ReadOnlySequence<byte> buffer, bool completed, out ReadOnlySequence<byte> line)
    {
        if (buffer.PositionOf((byte)'\n') is { } end)
        {
            line = buffer.Slice(0, end);
            buffer = buffer.Slice(buffer.GetPosition(1, end));
            return true;
        }

        if (completed && !buffer.IsEmpty)
        {
            line = buffer;
            buffer = buffer.Slice(buffer.End);
            return true;
        }

        line = default;
        return false;
    }

    private static void AppendLine(IncrementalHash hash, ReadOnlySequence<byte> line)
    {
        foreach (var segment in line)
        {
            hash.AppendData(segment.Span);
        }

        hash.AppendData("\n"u8);
    }

    private static bool IsBlank(ReadOnlySequence<byte> line)
    {
        foreach (var segment in line)
        {
            foreach (var b in segment.Span)
            {
                if (b is not ((byte)' ' or (byte)'\t' or (byte)'\r'))
                {
                    return false;
                }
            }
        }

        return true;
    }

    /// <summary>Hashes a batch without acting on it, for a retry under an Idempotency-Key.</summary>
    private static async Task<string> HashAsync(PipeReader reader, long maxBytes, CancellationToken cancellationToken)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        await HashRestAsync(reader, hash, 0, maxBytes, cancellationToken);
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    /// <summary>Hashes the rest of the body as <see cref="ReadLinesAsync"/> does, line by line, up to the byte limit.</summary>
    private static async Task HashRestAsync(PipeReader reader, IncrementalHash hash, long bytesRead, long maxBytes, CancellationToken cancellationToken)
    {
        while (true)
        {
            var read = await reader.ReadAsync(cancellationToken);
            var buffer = read.Buffer;
            while (TakeLine(ref buffer, read.IsCompleted, out var line))
            {
                bytesRead += line.Length + 1;
                AppendLine(hash, line);
                if (bytesRead > maxBytes + 1)
                {
                    reader.AdvanceTo(buffer.Start, buffer.End);
                    return;
                }
            }

            if (!read.IsCompleted && buffer.Length > 0)
            {
                bytesRead += buffer.Length;
                hash.AppendData(buffer.ToArray());
                buffer = buffer.Slice(buffer.End);
            }

            reader.AdvanceTo(buffer.Start, buffer.End);
            if (read.IsCompleted)
            {
                return;
            }
        }
    }
}
