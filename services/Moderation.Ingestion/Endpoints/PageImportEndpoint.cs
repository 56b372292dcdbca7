using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Unicode;
using Microsoft.Extensions.Options;
using Moderation.Client;
using Moderation.Ingestion.Domain;
using Moderation.Ingestion.Intake;
using Moderation.ServiceDefaults;

namespace Moderation.Ingestion.Endpoints;

/// <summary><c>POST /api/v1/articles/import</c>: a raw scraped page, its chrome stripped, submitted as the article found on it.</summary>
internal static class PageImportEndpoint
{
    public static async Task<IResult> ImportArticle(
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
            return Results.ValidationProblem(new Dictionary<string, string[]> { ["body"] = ["is not valid UTF-8."] }, title: RefusedSubmission.InvalidTitle);
        }

        var hash = SubmissionEndpoints.HashOf(contentType.MediaType, source, url, Convert.ToHexStringLower(SHA256.HashData(bytes)));
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

            var outcome = await intake.SubmitArticleAsync(new SubmittedArticle(source, article.Title, article.Body, url, SubmittedBy: http.User.Identity?.Name, Publisher: Publishers.Of(http.User)), cancellationToken);
            return (SubmissionEndpoints.ToResult(outcome, (r, duplicateOf) =>
                new ArticleImported(r.SubmissionId, r.ArticleId, r.Title, r.Body, SubmissionEndpoints.StatusUrl(r), duplicateOf)), hash);
        });
    }

    private static bool IsUtf8(string charset) =>
        charset.Trim('"') is var name && (name.Equals("utf-8", StringComparison.OrdinalIgnoreCase) || name.Equals("us-ascii", StringComparison.OrdinalIgnoreCase));
}
