using System.Diagnostics;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.Options;
using Moderation.Client;
using Moderation.Contracts;
using Moderation.Ingestion.Domain;
using Moderation.Ingestion.Storage;
using Moderation.ServiceDefaults;

namespace Moderation.Ingestion.Intake;

/// <summary>What became of one article or comment handed to <see cref="SubmissionIntake"/>.</summary>
public abstract record IntakeOutcome;

public sealed record StoredSubmission(SubmissionRecord Record) : IntakeOutcome;

/// <summary>The same content came from the same place within the duplicate window: nothing new was stored.</summary>
public sealed record DuplicateSubmission(SubmissionRecord First) : IntakeOutcome;

/// <summary>Refused, with the status to answer and what is wrong, field by field.</summary>
public sealed record RefusedSubmission(int StatusCode, string Title, IReadOnlyDictionary<string, string[]> Errors) : IntakeOutcome
{
    public string Describe() => string.Join("; ", Errors.Select(e => $"{e.Key}: {string.Join(" ", e.Value)}"));
}

/// <summary>
/// The one path every submission takes, whether it came alone, in a batch or from a scraped page:
/// normalise, check every limit, find its article and parent, drop it as a duplicate or store it,
/// then publish it through the outbox.
/// </summary>
public sealed class SubmissionIntake(
    ISubmissionStore store,
    ReliablePublisher publisher,
    IOptions<IngestionOptions> options,
    IngestionMetrics metrics,
    TimeProvider clock)
{
    public const string InvalidTitle = "The request is not valid.";

    public Task<IntakeOutcome> SubmitArticleAsync(SubmitArticleRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var limits = options.Value;
        var source = TextNormalizer.NormalizeOptional(request.Source);
        var title = TextNormalizer.NormalizeOptional(request.Title);
        var body = TextNormalizer.NormalizeOptional(request.Body);
        var url = TextNormalizer.NormalizeOptional(request.Url);
        var author = TextNormalizer.NormalizeOptional(request.Author);
        var externalId = TextNormalizer.NormalizeOptional(request.ExternalId);
        var language = TextNormalizer.NormalizeOptional(request.Language);
        var validation = new RequestValidation()
            .Text("source", source, limits.MaxSourceLength, required: true)
            .Text("title", title, limits.MaxTitleLength, required: true)
            .Text("body", body, limits.MaxArticleBodyLength, required: true)
            .Text("url", url, limits.MaxUrlLength, required: false)
            .Text("author", author, limits.MaxAuthorLength, required: false)
            .Text("externalId", externalId, limits.MaxExternalIdLength, required: false)
            .Text("language", language, limits.MaxLanguageLength, required: false);
        if (url is not null && !(Uri.TryCreate(url, UriKind.Absolute, out var parsed) && parsed.Scheme is "http" or "https"))
        {
            validation.Add("url", "must be an absolute http or https URL.");
        }

        if (!validation.IsValid)
        {
            return Task.FromResult<IntakeOutcome>(new RefusedSubmission(StatusCodes.Status400BadRequest, InvalidTitle, validation.Errors));
        }

        return StoreAsync(SubmissionRecord.Received(new SubmissionRecord
        {
            SubmissionId = Guid.CreateVersion7(),
            Kind = ContentKind.Article,
            ArticleId = Guid.CreateVersion7(),
            Source = source!,
            Title = title!,
            Body = body!,
            Url = url,
            Author = author,
            ExternalId = externalId,
            Language = language,
            ReceivedAt = clock.GetUtcNow(),
        }), cancellationToken);
    }

    public async Task<IntakeOutcome> SubmitCommentAsync(Guid articleId, SubmitCommentRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var limits = options.Value;
        var author = TextNormalizer.NormalizeOptional(request.Author);
        var body = TextNormalizer.NormalizeOptional(request.Body);
        var validation = new RequestValidation()
            .Text("author", author, limits.MaxAuthorLength, required: true)
            .Text("body", body, limits.MaxCommentBodyLength, required: true);
        if (!validation.IsValid)
        {
            return new RefusedSubmission(StatusCodes.Status400BadRequest, InvalidTitle, validation.Errors);
        }

        var article = await store.FindArticleAsync(articleId, cancellationToken);
        if (article is null)
        {
            return NotFound("Unknown article.", "articleId", $"no article {articleId} was submitted; a comment must belong to one.");
        }

        if (request.ParentCommentId is { } parentId)
        {
            var parent = await store.FindCommentAsync(parentId, cancellationToken);
            if (parent is null || parent.ArticleId != articleId)
            {
                return NotFound("Unknown parent comment.", "parentCommentId", $"article {articleId} has no comment {parentId} to answer.");
            }
        }

        return await StoreAsync(SubmissionRecord.Received(new SubmissionRecord
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
        }), cancellationToken);
    }

    private static RefusedSubmission NotFound(string title, string field, string message) =>
        new(StatusCodes.Status404NotFound, title, new Dictionary<string, string[]> { [field] = [message] });

    private async Task<IntakeOutcome> StoreAsync(SubmissionRecord record, CancellationToken cancellationToken)
    {
        Activity.Current?.SetTag(Telemetry.SubmissionIdTag, record.SubmissionId);
        var kind = new KeyValuePair<string, object?>("kind", record.Kind.ToString().ToLowerInvariant());
        var first = await store.AddUnlessDuplicateAsync(record, record.ReceivedAt - options.Value.DuplicateWindow, cancellationToken);
        if (first is not null)
        {
            metrics.Duplicates.Add(1, kind);
            return new DuplicateSubmission(first);
        }

        metrics.Received.Add(1, kind);
        await publisher.PublishAsync(store, new PendingEvent(record.SubmissionId.ToString(), record.ToEvent()), cancellationToken);
        return new StoredSubmission(record);
    }
}

public sealed class IngestionMetrics
{
    public const string MeterName = "Moderation.Ingestion";

    public IngestionMetrics(IMeterFactory meterFactory)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        var meter = meterFactory.Create(MeterName);
        Received = meter.CreateCounter<long>("moderation.submissions.received", description: "Submissions stored by ingestion, by kind.");
        Duplicates = meter.CreateCounter<long>("moderation.submissions.duplicates", description: "Submissions answered as duplicates of an earlier one, by kind.");
    }

    public Counter<long> Received { get; }

    public Counter<long> Duplicates { get; }
}
