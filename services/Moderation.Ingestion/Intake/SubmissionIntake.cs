using System.Diagnostics.Metrics;
using System.Diagnostics;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;
using Moderation.Client;
using Moderation.Contracts;
using Moderation.Ingestion.Domain;
using Moderation.Ingestion.Storage;
using Moderation.Messaging;
using Moderation.ServiceDefaults;
using Moderation.Storage;
using Moderation.WebConsole;

namespace Moderation.Ingestion.Intake;

/// <summary>What became of one article or comment handed to <see cref="SubmissionIntake"/>.</summary>
public abstract record IntakeOutcome;

public sealed record StoredSubmission(SubmissionRecord Record) : IntakeOutcome;

/// <summary>Passed every check and is ready to be stored; a batch stores its ready lines together.</summary>
public sealed record ReadySubmission(SubmissionRecord Record) : IntakeOutcome;

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
/// then publish it through the outbox. A batch takes the same checks line by line, then stores its
/// ready lines in one write and publishes them as a few <see cref="BatchSubmitted"/> messages.
/// </summary>
public sealed class SubmissionIntake(
    ISubmissionStore store,
    ReliablePublisher publisher,
    IOptions<IngestionOptions> options,
    IngestionMetrics metrics,
    ArticleThreads articles,
    TimeProvider clock)
{
    public const string InvalidTitle = "The request is not valid.";

    // Single calls arriving together are stored in one write (a store turn per call had requests
    // queueing for SQLite's single writer); each record keeps its own duplicate window.
    private readonly WriteGroups<SubmissionRecord, SubmissionRecord?> _singleAdds =
        new((records, cancellationToken) => store.AddManyUnlessDuplicateAsync(records, options.Value.DuplicateWindow, cancellationToken));

    public Task<IntakeOutcome> SubmitArticleAsync(SubmitArticleRequest request, CancellationToken cancellationToken) =>
        StoreIfReadyAsync(CheckArticle(request), cancellationToken);

    public async Task<IntakeOutcome> SubmitCommentAsync(Guid articleId, SubmitCommentRequest request, CancellationToken cancellationToken) =>
        await StoreIfReadyAsync(await CheckCommentAsync(articleId, request, NewThreadLookup(), cancellationToken), cancellationToken);

    /// <summary>A lookup of the threads comments belong to, for one request.</summary>
    public ThreadLookup NewThreadLookup() => new(store, articles);

    /// <summary>Normalises an article and checks every limit: a <see cref="ReadySubmission"/> or a <see cref="RefusedSubmission"/>.</summary>
    public IntakeOutcome CheckArticle(SubmitArticleRequest request)
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
            return new RefusedSubmission(StatusCodes.Status400BadRequest, InvalidTitle, validation.Errors);
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
        }));
    }

    /// <summary>
    /// Normalises a comment, checks every limit and finds the article and parent comment it answers
    /// (through <paramref name="threads"/>): a <see cref="ReadySubmission"/> or a <see cref="RefusedSubmission"/>.
    /// </summary>
    public async Task<IntakeOutcome> CheckCommentAsync(Guid articleId, SubmitCommentRequest request, ThreadLookup threads, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(threads);
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

        var article = await threads.FindArticleAsync(articleId, cancellationToken);
        if (article is null)
        {
            return NotFound("Unknown article.", "articleId", $"no article {articleId} was submitted; a comment must belong to one.");
        }

        if (request.ParentCommentId is { } parentId)
        {
            var parent = await threads.FindCommentAsync(parentId, cancellationToken);
            if (parent is null || parent.ArticleId != articleId)
            {
                return NotFound("Unknown parent comment.", "parentCommentId", $"article {articleId} has no comment {parentId} to answer.");
            }
        }

        return new ReadySubmission(SubmissionRecord.Received(new SubmissionRecord
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
                // The broker is away or refused the message: the sweeper publishes these and the rest one by one, and the caller waits out one timeout, not one per message.
                break;
            }
        }

        return outcomes;
    }

    private static RefusedSubmission NotFound(string title, string field, string message) =>
        new(StatusCodes.Status404NotFound, title, new Dictionary<string, string[]> { [field] = [message] });

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

/// <summary>What a comment takes from the article it belongs to.</summary>
public sealed record ArticleThread(string Source, string Title);

/// <summary>
/// The source and title of stored articles, which never change, kept for the comments that name
/// them: every comment of a busy thread read its article's whole record, body and all, again. At
/// most <see cref="Capacity"/> articles are kept, the least recently used leaving first; an article
/// not found is not remembered, as it may be submitted a moment later.
/// </summary>
public sealed class ArticleThreads(ISubmissionStore store) : IDisposable
{
    public const int Capacity = 10_000;

    private readonly MemoryCache _known = new(new MemoryCacheOptions { SizeLimit = Capacity });

    public async Task<ArticleThread?> FindAsync(Guid articleId, CancellationToken cancellationToken)
    {
        if (_known.TryGetValue(articleId, out ArticleThread? known))
        {
            return known;
        }

        if (await store.FindArticleAsync(articleId, cancellationToken) is not { } article)
        {
            return null;
        }

        var thread = new ArticleThread(article.Source, article.Title);
        _known.Set(articleId, thread, new MemoryCacheEntryOptions { Size = 1 });
        return thread;
    }

    public void Dispose() => _known.Dispose();
}

/// <summary>
/// Finds the article and the parent comment a comment answers. One lookup serves one request, and a
/// batch's comments share one, so a comment answered by many lines of a batch is read once.
/// </summary>
public sealed class ThreadLookup(ISubmissionStore store, ArticleThreads articles)
{
    private readonly Dictionary<Guid, SubmissionRecord?> _comments = [];

    public Task<ArticleThread?> FindArticleAsync(Guid articleId, CancellationToken cancellationToken) =>
        articles.FindAsync(articleId, cancellationToken);

    public async Task<SubmissionRecord?> FindCommentAsync(Guid commentId, CancellationToken cancellationToken)
    {
        if (!_comments.TryGetValue(commentId, out var comment))
        {
            comment = await store.FindCommentAsync(commentId, cancellationToken);
            _comments[commentId] = comment;
        }

        return comment;
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
