using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Unicode;
using System.Text;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using Moderation.Client;
using Moderation.Ingestion.Domain;
using Moderation.Ingestion.Intake;
using Moderation.Ingestion.Storage;
using Moderation.Messaging;
using Moderation.ServiceDefaults;
using Moderation.Storage;
using Moderation.WebConsole;

namespace Moderation.Ingestion.Endpoints;

public static class SubmissionEndpoints
{
    public static RouteGroupBuilder MapSubmissionEndpoints(this IEndpointRouteBuilder routes, IngestionOptions limits)
    {
        ArgumentNullException.ThrowIfNull(limits);
        var api = routes.MapGroup("/api/v1")
            .RequireAuthorization(Roles.Submitter)
            .RequireRateLimiting(RateLimits.PerApiKeyPolicy)
            .WithTags("Ingestion")
            .WithMetadata(new RequestSizeLimitAttribute(limits.MaxRequestBodyBytes));

        api.MapPost("/articles", SubmitArticle)
            .WithName("SubmitArticle")
            .ProducesValidationProblem();
        // The import and the batch check their own content type, so that a wrong one gets a problem naming it.
        api.MapPost("/articles/import", ImportArticle)
            .WithName("ImportArticle")
            .WithMetadata(new RequestSizeLimitAttribute(limits.MaxImportBytes))
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType);
        api.MapPost("/articles/{articleId:guid}/comments", SubmitComment)
            .WithName("SubmitComment")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);
        api.MapGet("/articles/{articleId:guid}", GetArticle)
            .WithName("GetArticle")
            .ProducesProblem(StatusCodes.Status404NotFound);
        api.MapPost("/submissions/batch", BatchIntake.SubmitBatch)
            .WithName("SubmitBatch")
            // The batch counts its own bytes, so that a body over the limit still gets an answer for the lines before it.
            .WithMetadata(new DisableRequestSizeLimitAttribute())
            .ProducesValidationProblem();
        api.MapGet("/submissions/{submissionId:guid}", GetSubmission)
            .WithName("GetSubmission")
            .ProducesProblem(StatusCodes.Status404NotFound);
        return api;
    }

    /// <summary>The answer to a submitted article or comment, or the problem that refused it.</summary>
    private static IResult ToResult(IntakeOutcome outcome, Func<SubmissionRecord, Guid?, object> answer) =>
        outcome switch
        {
            StoredSubmission stored => JsonAnswer.Accepted(StatusUrl(stored.Record), answer(stored.Record, null)),
            DuplicateSubmission duplicate => JsonAnswer.Ok(answer(duplicate.First, duplicate.First.SubmissionId)),
            RefusedSubmission refused => Results.ValidationProblem(refused.Errors, statusCode: refused.StatusCode, title: refused.Title),
            _ => throw new ArgumentOutOfRangeException(nameof(outcome)),
        };

    private static string StatusUrl(SubmissionRecord record) => $"/api/v1/submissions/{record.SubmissionId}";

    /// <summary>SHA-256 hex of what a request asked for, to tell a retry from another request under one Idempotency-Key.</summary>
    private static string HashOf(params object?[] parts) =>
        Convert.ToHexStringLower(SHA256.HashData(JsonSerializer.SerializeToUtf8Bytes(parts)));

    private static Task<IResult> SubmitArticle(SubmitArticleRequest request, HttpContext http, SubmissionIntake intake, IdempotentRequests idempotency)
    {
        var hash = HashOf(request);
        return idempotency.RunAsync(http, _ => Task.FromResult(hash), async cancellationToken =>
        {
            var outcome = await intake.SubmitArticleAsync(request, cancellationToken);
            return (ToResult(outcome, (r, duplicateOf) => new ArticleAccepted(r.SubmissionId, r.ArticleId, StatusUrl(r), duplicateOf)), hash);
        });
    }

    private static Task<IResult> SubmitComment(Guid articleId, SubmitCommentRequest request, HttpContext http, SubmissionIntake intake, IdempotentRequests idempotency)
    {
        var hash = HashOf(articleId, request);
        return idempotency.RunAsync(http, _ => Task.FromResult(hash), async cancellationToken =>
        {
            var outcome = await intake.SubmitCommentAsync(articleId, request, cancellationToken);
            return (ToResult(outcome, (r, duplicateOf) => new CommentAccepted(r.SubmissionId, r.CommentId!.Value, StatusUrl(r), duplicateOf)), hash);
        });
    }

    private static async Task<IResult> ImportArticle(
        HttpContext http,
        string? source,
        string? url,
        SubmissionIntake intake,
        IdempotentRequests idempotency,
        ArticleExtractor extractor,
        IOptions<IngestionOptions> options)
    {
        if (!MediaTypeHeaderValue.TryParse(http.Request.ContentType, out var contentType) ||
            contentType.MediaType is not ("text/plain" or "text/html") ||
            contentType.CharSet is { } charset && !IsUtf8(charset))
        {
            return Results.ValidationProblem(
                new Dictionary<string, string[]> { ["Content-Type"] = ["must be text/plain or text/html, in UTF-8."] },
                statusCode: StatusCodes.Status415UnsupportedMediaType,
                title: "The page must be text/plain or text/html.");
        }

        using var buffer = new MemoryStream();
        await http.Request.Body.CopyToAsync(buffer, http.RequestAborted);
        var bytes = buffer.ToArray();
        if (!Utf8.IsValid(bytes))
        {
            return Results.ValidationProblem(new Dictionary<string, string[]> { ["body"] = ["is not valid UTF-8."] }, title: SubmissionIntake.InvalidTitle);
        }

        var hash = HashOf(contentType.MediaType, source, url, Convert.ToHexStringLower(SHA256.HashData(bytes)));
        return await idempotency.RunAsync(http, _ => Task.FromResult(hash), async cancellationToken =>
        {
            var page = Encoding.UTF8.GetString(bytes);
            ExtractedArticle? article;
            using (var parseTime = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
            {
                parseTime.CancelAfter(options.Value.MaxImportParseTime);
                try
                {
                    article = contentType.MediaType == "text/html"
                        ? await extractor.ExtractHtmlAsync(page, parseTime.Token)
                        : extractor.ExtractText(page);
                }
                catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
                {
                    return (Results.ValidationProblem(
                        new Dictionary<string, string[]> { ["body"] = [$"could not be read within {options.Value.MaxImportParseTime.TotalSeconds:0.#} s; the markup is nested too deeply."] },
                        statusCode: StatusCodes.Status422UnprocessableEntity,
                        title: "The page is too complex to read."), hash);
                }
            }

            if (article is null)
            {
                return (Results.ValidationProblem(
                    new Dictionary<string, string[]> { ["body"] = ["holds no article: no stretch of prose with a title above it was found."] },
                    statusCode: StatusCodes.Status422UnprocessableEntity,
                    title: "No article was found on the page."), hash);
            }

            var outcome = await intake.SubmitArticleAsync(new SubmitArticleRequest(source, article.Title, article.Body, url), cancellationToken);
            return (ToResult(outcome, (r, duplicateOf) => new ArticleImported(r.SubmissionId, r.ArticleId, r.Title, r.Body, StatusUrl(r), duplicateOf)), hash);
        });
    }

    private static bool IsUtf8(string charset) =>
        charset.Trim('"') is var name && (name.Equals("utf-8", StringComparison.OrdinalIgnoreCase) || name.Equals("us-ascii", StringComparison.OrdinalIgnoreCase));

    private static async Task<IResult> GetArticle(Guid articleId, ISubmissionStore store, IOptions<IngestionOptions> options, CancellationToken cancellationToken)
    {
        var article = await store.FindArticleAsync(articleId, cancellationToken);
        if (article is null)
        {
            return Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Unknown article.", detail: $"No article {articleId}.");
        }

        var limit = options.Value.MaxThreadComments;
        var comments = await store.ListCommentsAsync(articleId, limit + 1, cancellationToken);
        var shown = comments.Take(limit).ToList();
        return Results.Ok(new ArticleView(
            article.ArticleId, article.SubmissionId, article.Source, article.Title, article.Body, article.Url,
            article.Status, article.Verdict, article.ReceivedAt, shown.Count, comments.Count > limit, InReadingOrder(shown)));
    }

    /// <summary>Each comment followed by its replies, oldest first, walked with a stack so no reply chain is too long.</summary>
    private static List<ThreadComment> InReadingOrder(List<SubmissionRecord> comments)
    {
        var ids = comments.Select(c => c.CommentId).ToHashSet();
        var replies = comments.ToLookup(c => ids.Contains(c.ParentCommentId) ? c.ParentCommentId : null);
        var thread = new List<ThreadComment>(comments.Count);
        var pending = new Stack<(SubmissionRecord Comment, int Depth)>(replies[null].Reverse().Select(c => (c, 0)));
        while (pending.TryPop(out var next))
        {
            var (c, depth) = next;
            thread.Add(new ThreadComment(c.CommentId!.Value, c.SubmissionId, c.ParentCommentId, depth, c.Author ?? "", c.Body, c.Status, c.Verdict, c.ReceivedAt));
            foreach (var reply in replies[c.CommentId].Reverse())
            {
                pending.Push((reply, depth + 1));
            }
        }

        return thread;
    }

    private static async Task<IResult> GetSubmission(Guid submissionId, ISubmissionStore store, CancellationToken cancellationToken)
    {
        var record = await store.GetAsync(submissionId, cancellationToken);
        return record is null
            ? Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Unknown submission.", detail: $"No submission {submissionId}.")
            : Results.Ok(record.ToView());
    }
}
