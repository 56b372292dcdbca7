using System.Diagnostics;
using Microsoft.Extensions.Options;
using Moderation.Contracts;
using Moderation.Ingestion.Domain;
using Moderation.Ingestion.Storage;
using Moderation.Messaging;
using Moderation.ServiceDefaults;
using Moderation.Storage;

namespace Moderation.Ingestion.Intake;

/// <summary>
/// The one path every submission takes, whether it came alone, in a batch or from a scraped page:
/// normalise, check every limit, find its article and parent, drop it as a duplicate or store it,
/// then publish it through the outbox (docs/decisions/0005-hand-written-outbox.md). A batch takes
/// the same checks line by line, then stores its ready lines in one write and publishes them as a
/// few <see cref="BatchSubmitted"/> messages (docs/decisions/0006-batches-as-messages.md).
/// </summary>
public sealed class SubmissionIntake(
    ISubmissionStore store,
    ReliablePublisher publisher,
    IOptions<IngestionOptions> options,
    IngestionMetrics metrics,
    ArticleThreads articles,
    TimeProvider clock)
{
    // Single calls arriving together are stored in one write (docs/decisions/0012-write-groups.md);
    // each record keeps its own duplicate window.
    private readonly WriteGroups<SubmissionRecord, SubmissionRecord?> _singleAdds =
        new((records, cancellationToken) => store.AddManyUnlessDuplicateAsync(records, options.Value.DuplicateWindow, cancellationToken));

    public Task<IntakeOutcome> SubmitArticleAsync(SubmittedArticle article, CancellationToken cancellationToken) =>
        StoreIfReadyAsync(CheckArticle(article), cancellationToken);

    public async Task<IntakeOutcome> SubmitCommentAsync(SubmittedComment comment, CancellationToken cancellationToken) =>
        await StoreIfReadyAsync(await CheckCommentAsync(comment, NewThreadLookup(), cancellationToken), cancellationToken);

    /// <summary>A lookup of the threads comments belong to, for one request.</summary>
    public ThreadLookup NewThreadLookup() => new(store, articles);

    /// <summary>Normalises an article and checks every limit: a <see cref="ReadySubmission"/> or a <see cref="RefusedSubmission"/>.</summary>
    public IntakeOutcome CheckArticle(SubmittedArticle article)
    {
        ArgumentNullException.ThrowIfNull(article);
        var limits = options.Value;
        var source = CanonicalText.NormalizeOptional(article.Source);
        var title = CanonicalText.NormalizeOptional(article.Title);
        var body = CanonicalText.NormalizeOptional(article.Body);
        var url = CanonicalText.NormalizeOptional(article.Url);
        var author = CanonicalText.NormalizeOptional(article.Author);
        var externalId = CanonicalText.NormalizeOptional(article.ExternalId);
        var language = CanonicalText.NormalizeOptional(article.Language);
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
            return new RefusedSubmission(StatusCodes.Status400BadRequest, RefusedSubmission.InvalidTitle, validation.Errors);
        }

        return new ReadySubmission(SubmissionRecord.Received(new SubmissionRecord
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
            SubmittedBy = article.SubmittedBy,
            Publisher = article.Publisher,
        }));
    }

    /// <summary>
    /// Normalises a comment, checks every limit and finds the article and parent comment it answers
    /// (through <paramref name="threads"/>): a <see cref="ReadySubmission"/> or a <see cref="RefusedSubmission"/>.
    /// </summary>
    public async Task<IntakeOutcome> CheckCommentAsync(SubmittedComment comment, ThreadLookup threads, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(comment);
        ArgumentNullException.ThrowIfNull(threads);
        var limits = options.Value;
        var author = CanonicalText.NormalizeOptional(comment.Author);
        var body = CanonicalText.NormalizeOptional(comment.Body);
        var validation = new RequestValidation()
            .Text("author", author, limits.MaxAuthorLength, required: true)
            .Text("body", body, limits.MaxCommentBodyLength, required: true);
        if (!validation.IsValid)
        {
            return new RefusedSubmission(StatusCodes.Status400BadRequest, RefusedSubmission.InvalidTitle, validation.Errors);
        }

        var articleId = comment.ArticleId;
        var article = await threads.FindArticleAsync(articleId, cancellationToken);
        // Another publisher's article is answered as one that does not exist, so its id tells nothing.
        if (article is null || comment.Publisher is not null && comment.Publisher != article.Publisher)
        {
            return RefusedSubmission.NotFound("Unknown article.", "articleId", $"no article {articleId} was submitted; a comment must belong to one.");
        }

        if (comment.ParentCommentId is { } parentId)
        {
            var parent = await threads.FindCommentAsync(parentId, cancellationToken);
            if (parent is null || parent.ArticleId != articleId)
            {
                return RefusedSubmission.NotFound("Unknown parent comment.", "parentCommentId", $"article {articleId} has no comment {parentId} to answer.");
            }
        }

        return new ReadySubmission(SubmissionRecord.Received(new SubmissionRecord
        {
            SubmissionId = Guid.CreateVersion7(),
            Kind = ContentKind.Comment,
            ArticleId = articleId,
            CommentId = Guid.CreateVersion7(),
            ParentCommentId = comment.ParentCommentId,
            Source = article.Source,
            Title = article.Title,
            Body = body!,
            Author = author,
            ReceivedAt = clock.GetUtcNow(),
            SubmittedBy = comment.SubmittedBy,
            Publisher = article.Publisher,
        }));
    }

    /// <summary>
    /// Stores the ready submissions of a batch in one write, each unless it duplicates one stored
    /// before it (earlier in the batch too), then publishes the stored ones as <see cref="BatchSubmitted"/>
    /// messages of at most <see cref="IngestionOptions.MaxItemsPerBatchMessage"/> items and
    /// <see cref="IngestionOptions.MaxBatchMessageBytes"/> of content. Returns, position
    /// by position, a <see cref="StoredSubmission"/> or a <see cref="DuplicateSubmission"/>.
    /// </summary>
    public async Task<IReadOnlyList<IntakeOutcome>> StoreBatchAsync(IReadOnlyList<SubmissionRecord> records, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(records);
        if (records.Count == 0)
        {
            return [];
        }

        var firsts = await store.AddManyUnlessDuplicateAsync(records, options.Value.DuplicateWindow, cancellationToken);
        var outcomes = new IntakeOutcome[records.Count];
        var stored = new List<SubmissionRecord>(records.Count);
        for (var i = 0; i < records.Count; i++)
        {
            outcomes[i] = Count(records[i], firsts[i]);
            if (firsts[i] is null)
            {
                stored.Add(records[i]);
            }
        }

        Telemetry.TagSubmissions(batchId: null, [.. stored.Select(r => r.SubmissionId)]);
        foreach (var items in BatchMessageRuns.Cut(stored, options.Value.MaxItemsPerBatchMessage, options.Value.MaxBatchMessageBytes))
        {
            var message = new BatchSubmitted(
                Guid.CreateVersion7(),
                [.. items.Where(r => r.Kind == ContentKind.Article).Select(r => r.ToArticleSubmitted())],
                [.. items.Where(r => r.Kind == ContentKind.Comment).Select(r => r.ToCommentSubmitted())],
                clock.GetUtcNow());
            if (!await publisher.PublishAsync(store, message, [.. items.Select(r => r.SubmissionId.ToString())], cancellationToken))
            {
                // The broker is away or refused the message: the sweeper publishes these and the rest
                // one by one, and the caller waits out one timeout, not one per message.
                break;
            }
        }

        return outcomes;
    }

    private async Task<IntakeOutcome> StoreIfReadyAsync(IntakeOutcome checkedOutcome, CancellationToken cancellationToken)
    {
        if (checkedOutcome is not ReadySubmission { Record: var record })
        {
            return checkedOutcome;
        }

        Activity.Current?.SetTag(Telemetry.SubmissionIdTag, record.SubmissionId);
        var first = (await _singleAdds.WriteAsync([record], cancellationToken))[0];
        var outcome = Count(record, first);
        if (first is null)
        {
            await publisher.PublishAsync(store, new PendingEvent(record.SubmissionId.ToString(), record.ToEvent()), cancellationToken);
        }

        return outcome;
    }

    /// <summary>The outcome of storing <paramref name="record"/>, counted in the metrics by kind.</summary>
    private IntakeOutcome Count(SubmissionRecord record, SubmissionRecord? first)
    {
        var kind = new KeyValuePair<string, object?>("kind", record.Kind.ToString().ToLowerInvariant());
        if (first is not null)
        {
            metrics.Duplicates.Add(1, kind);
            return new DuplicateSubmission(first);
        }

        metrics.Received.Add(1, kind);
        return new StoredSubmission(record);
    }
}
