using System.Diagnostics;
using System.Diagnostics.Metrics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using Moderation.Client;
using Moderation.Contracts;
using Moderation.Ingestion.Domain;
using Moderation.Ingestion.Storage;
using Moderation.ServiceDefaults;

namespace Moderation.Ingestion.Endpoints;

public static class SubmissionEndpoints
{
    public static RouteGroupBuilder MapSubmissionEndpoints(this IEndpointRouteBuilder routes, long maxRequestBodyBytes)
    {
        var api = routes.MapGroup("/api/v1")
            .RequireAuthorization(Roles.Submitter)
            .WithTags("Ingestion")
            .WithMetadata(new RequestSizeLimitAttribute(maxRequestBodyBytes));

        api.MapPost("/articles", SubmitArticle)
            .WithName("SubmitArticle")
            .ProducesValidationProblem();
        api.MapPost("/articles/{articleId:guid}/comments", SubmitComment)
            .WithName("SubmitComment")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);
        api.MapGet("/submissions/{submissionId:guid}", GetSubmission)
            .WithName("GetSubmission")
            .ProducesProblem(StatusCodes.Status404NotFound);
        return api;
    }

    private static async Task<IResult> SubmitArticle(
        SubmitArticleRequest request,
        ISubmissionStore store,
        ReliablePublisher publisher,
        IOptions<IngestionOptions> options,
        IngestionMetrics metrics,
        TimeProvider clock,
        CancellationToken cancellationToken)
    {
        var limits = options.Value;
        var source = TextNormalizer.NormalizeOptional(request.Source);
        var title = TextNormalizer.NormalizeOptional(request.Title);
        var body = TextNormalizer.NormalizeOptional(request.Body);
        var url = TextNormalizer.NormalizeOptional(request.Url);
        var validation = new RequestValidation()
            .Text("source", source, limits.MaxSourceLength, required: true)
            .Text("title", title, limits.MaxTitleLength, required: true)
            .Text("body", body, limits.MaxArticleBodyLength, required: true)
            .Text("url", url, limits.MaxUrlLength, required: false)
            .Text("author", request.Author, limits.MaxAuthorLength, required: false)
            .Text("externalId", request.ExternalId, limits.MaxExternalIdLength, required: false)
            .Text("language", request.Language, limits.MaxLanguageLength, required: false);
        if (url is not null && !(Uri.TryCreate(url, UriKind.Absolute, out var parsed) && parsed.Scheme is "http" or "https"))
        {
            validation.Add("url", "must be an absolute http or https URL.");
        }

        if (!validation.IsValid)
        {
            return validation.Problem();
        }

        var record = SubmissionRecord.Received(new SubmissionRecord
        {
            SubmissionId = Guid.CreateVersion7(),
            Kind = ContentKind.Article,
            ArticleId = Guid.CreateVersion7(),
            Source = source!,
            Title = title!,
            Body = body!,
            Url = url,
            Author = TextNormalizer.NormalizeOptional(request.Author),
            ExternalId = TextNormalizer.NormalizeOptional(request.ExternalId),
            Language = TextNormalizer.NormalizeOptional(request.Language),
            ReceivedAt = clock.GetUtcNow(),
        });
        await StoreAndPublishAsync(record, store, publisher, metrics, cancellationToken);
        return Results.Accepted(StatusUrl(record), new ArticleAccepted(record.SubmissionId, record.ArticleId, StatusUrl(record)));
    }

    private static async Task<IResult> SubmitComment(
        Guid articleId,
        SubmitCommentRequest request,
        ISubmissionStore store,
        ReliablePublisher publisher,
        IOptions<IngestionOptions> options,
        IngestionMetrics metrics,
        TimeProvider clock,
        CancellationToken cancellationToken)
    {
        var limits = options.Value;
        var author = TextNormalizer.NormalizeOptional(request.Author);
        var body = TextNormalizer.NormalizeOptional(request.Body);
        var validation = new RequestValidation()
            .Text("author", author, limits.MaxAuthorLength, required: true)
            .Text("body", body, limits.MaxCommentBodyLength, required: true);
        if (!validation.IsValid)
        {
            return validation.Problem();
        }

        var article = await store.FindArticleAsync(articleId, cancellationToken);
        if (article is null)
        {
            return Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Unknown article.",
                detail: $"No article {articleId} was submitted; a comment must belong to one.");
        }

        if (request.ParentCommentId is { } parentId)
        {
            var parent = await store.FindCommentAsync(parentId, cancellationToken);
            if (parent is null || parent.ArticleId != articleId)
            {
                return Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Unknown parent comment.",
                    detail: $"Article {articleId} has no comment {parentId} to answer.");
            }
        }

        var record = SubmissionRecord.Received(new SubmissionRecord
        {
            SubmissionId = Guid.CreateVersion7(),
            Kind = ContentKind.Comment,
            ArticleId = articleId,
            CommentId = Guid.CreateVersion7(),
            ParentCommentId = request.ParentCommentId,
            Source = article.Source,
            Title = article.Title,
            Body = body!,
            Author = author,
            ReceivedAt = clock.GetUtcNow(),
        });
        await StoreAndPublishAsync(record, store, publisher, metrics, cancellationToken);
        return Results.Accepted(StatusUrl(record), new CommentAccepted(record.SubmissionId, record.CommentId!.Value, StatusUrl(record)));
    }

    private static async Task<IResult> GetSubmission(Guid submissionId, ISubmissionStore store, CancellationToken cancellationToken)
    {
        var record = await store.GetAsync(submissionId, cancellationToken);
        return record is null
            ? Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Unknown submission.", detail: $"No submission {submissionId}.")
            : Results.Ok(record.ToView());
    }

    private static async Task StoreAndPublishAsync(
        SubmissionRecord record, ISubmissionStore store, ReliablePublisher publisher, IngestionMetrics metrics, CancellationToken cancellationToken)
    {
        Activity.Current?.SetTag(Telemetry.SubmissionIdTag, record.SubmissionId);
        await store.AddAsync(record, cancellationToken);
        metrics.Received.Add(1, new KeyValuePair<string, object?>("kind", record.Kind.ToString().ToLowerInvariant()));
        await publisher.PublishAsync(store, new PendingEvent(record.SubmissionId.ToString(), record.ToEvent()), cancellationToken);
    }

    private static string StatusUrl(SubmissionRecord record) => $"/api/v1/submissions/{record.SubmissionId}";
}

public sealed class IngestionMetrics
{
    public const string MeterName = "Moderation.Ingestion";

    public IngestionMetrics(IMeterFactory meterFactory)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        var meter = meterFactory.Create(MeterName);
        Received = meter.CreateCounter<long>("moderation.submissions.received", description: "Submissions stored by ingestion, by kind.");
    }

    public Counter<long> Received { get; }
}
