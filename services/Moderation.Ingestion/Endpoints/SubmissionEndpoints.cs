using System.Security.Claims;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using Moderation.Client;
using Moderation.Ingestion.Domain;
using Moderation.Ingestion.Intake;
using Moderation.Ingestion.Storage;
using Moderation.ServiceDefaults;

namespace Moderation.Ingestion.Endpoints;

public static class SubmissionEndpoints
{
    public static RouteGroupBuilder MapSubmissionEndpoints(this IEndpointRouteBuilder routes, IngestionOptions limits)
    {
        ArgumentNullException.ThrowIfNull(limits);
        var api = routes.MapGroup("/api/v1")
            .RequireAuthorization(Roles.Submitter)
            .WithTags("Ingestion")
            .WithMetadata(new RequestSizeLimitAttribute(limits.MaxRequestBodyBytes));

        api.MapPost("/articles", SubmitArticle)
            .WithName("SubmitArticle")
            .ProducesValidationProblem();
        // The import and the batch check their own content type, so that a wrong one gets a problem naming it.
        api.MapPost("/articles/import", PageImportEndpoint.ImportArticle)
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
        api.MapPost("/submissions/batch", BatchEndpoint.SubmitBatch)
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
    internal static IResult ToResult(IntakeOutcome outcome, Func<SubmissionRecord, Guid?, object> answer) =>
        outcome switch
        {
            StoredSubmission stored => JsonAnswer.Accepted(StatusUrl(stored.Record), answer(stored.Record, null)),
            DuplicateSubmission duplicate => JsonAnswer.Ok(answer(duplicate.First, duplicate.First.SubmissionId)),
            RefusedSubmission refused => Results.ValidationProblem(refused.Errors, statusCode: refused.StatusCode, title: refused.Title),
            _ => throw new ArgumentOutOfRangeException(nameof(outcome)),
        };

    internal static string StatusUrl(SubmissionRecord record) => $"/api/v1/submissions/{record.SubmissionId}";

    /// <summary>SHA-256 hex of what a request asked for, to tell a retry from another request under one Idempotency-Key.</summary>
    internal static string HashOf(params object?[] parts) =>
        Convert.ToHexStringLower(SHA256.HashData(JsonSerializer.SerializeToUtf8Bytes(parts)));

    private static Task<IResult> SubmitArticle(SubmitArticleRequest request, HttpContext http, SubmissionIntake intake, IdempotentRequests idempotency)
    {
        var hash = HashOf(request);
        var article = new SubmittedArticle(request.Source, request.Title, request.Body, request.Url, request.Author, request.ExternalId, request.Language, http.User.Identity?.Name, Publishers.Of(http.User));
        return idempotency.RunAsync(http, _ => Task.FromResult(hash), async cancellationToken =>
        {
            var outcome = await intake.SubmitArticleAsync(article, cancellationToken);
            return (ToResult(outcome, (r, duplicateOf) => new ArticleAccepted(r.SubmissionId, r.ArticleId, StatusUrl(r), duplicateOf)), hash);
        });
    }

    private static Task<IResult> SubmitComment(Guid articleId, SubmitCommentRequest request, HttpContext http, SubmissionIntake intake, IdempotentRequests idempotency)
    {
        var hash = HashOf(articleId, request);
        var comment = new SubmittedComment(articleId, request.Author, request.Body, request.ParentCommentId, http.User.Identity?.Name, Publishers.Of(http.User));
        return idempotency.RunAsync(http, _ => Task.FromResult(hash), async cancellationToken =>
        {
            var outcome = await intake.SubmitCommentAsync(comment, cancellationToken);
            return (ToResult(outcome, (r, duplicateOf) => new CommentAccepted(r.SubmissionId, r.CommentId!.Value, StatusUrl(r), duplicateOf)), hash);
        });
    }

    /// <summary>Another publisher's article answers as one that does not exist, so its id tells nothing.</summary>
    private static async Task<IResult> GetArticle(Guid articleId, ClaimsPrincipal caller, ISubmissionStore store, IOptions<IngestionOptions> options, CancellationToken cancellationToken)
    {
        var article = await store.FindArticleAsync(articleId, cancellationToken);
        if (article is null || !Publishers.MaySee(caller, article.Publisher))
        {
            return Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Unknown article.", detail: $"No article {articleId}.");
        }

        var limit = options.Value.MaxThreadComments;
        var comments = await store.ListCommentsAsync(articleId, limit + 1, cancellationToken);
        return Results.Ok(article.ToArticleView([.. comments.Take(limit)], comments.Count > limit));
    }

    /// <summary>
    /// Another publisher's submission answers as one that does not exist. A publisher sees a decision's
    /// outcome and public reason, not the moderator who took it nor their note; an admin sees both.
    /// </summary>
    private static async Task<IResult> GetSubmission(Guid submissionId, ClaimsPrincipal caller, ISubmissionStore store, CancellationToken cancellationToken)
    {
        var record = await store.GetAsync(submissionId, cancellationToken);
        return record is null || !Publishers.MaySee(caller, record.Publisher)
            ? Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Unknown submission.", detail: $"No submission {submissionId}.")
            : Results.Ok(record.ToView(withModerators: caller.IsInRole(Roles.Admin)));
    }
}
