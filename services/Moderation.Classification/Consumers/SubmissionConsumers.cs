using System.Diagnostics;
using MassTransit;
using Moderation.Classification.Domain;
using Moderation.Classification.Storage;
using Moderation.Contracts;
using Moderation.Messaging;
using Moderation.ServiceDefaults;
using Moderation.Storage;
using Moderation.WebConsole;

namespace Moderation.Classification.Consumers;

/// <summary>A submission as the classifier reads it, whichever event carried it.</summary>
public sealed record Submission(Guid SubmissionId, ContentKind Kind, string Source, IReadOnlyList<ContentField> Fields)
{
    public static Submission Of(ArticleSubmitted article)
    {
        ArgumentNullException.ThrowIfNull(article);
        return new(article.SubmissionId, ContentKind.Article, article.Source, [new ContentField("title", article.Title), new ContentField("body", article.Body)]);
    }

    public static Submission Of(CommentSubmitted comment)
    {
        ArgumentNullException.ThrowIfNull(comment);
        return new(comment.SubmissionId, ContentKind.Comment, comment.Source, [new ContentField("body", comment.Body)]);
    }
}

/// <summary>
/// Classifies each submission once: a redelivered submission gets the stored result again, so a
/// crash between storing and publishing loses nothing and changes nothing. The text is kept so a
/// moderator's later labels can be learned from. A single submission and a batch take the same
/// path, and a batch costs one read, one write of texts and one write of results, whatever its size.
/// </summary>
public sealed class SubmissionClassification(
    IClassificationStore store, ITrainingStore training, ClassificationEngine engine, RecentTexts recent, ClassificationMetrics metrics, TimeProvider clock)
{
    /// <summary>
    /// The result of every submission, position by position. New ones are classified in the order
    /// given, which is the order the repeated-text counter sees them in; a submission given twice is
    /// classified once. The texts are stored before the results, so a stored result always has its text.
    /// </summary>
    public async Task<IReadOnlyList<ContentClassified>> ClassifyAsync(IReadOnlyList<Submission> submissions, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(submissions);
        var results = new Dictionary<Guid, ContentClassified>(
            await store.GetManyAsync(submissions.Select(s => s.SubmissionId).Distinct().ToList(), cancellationToken));
        var texts = new List<ClassifiedText>();
        var pending = submissions.Where(s => !results.ContainsKey(s.SubmissionId)).DistinctBy(s => s.SubmissionId).ToList();
        var inputs = new List<ClassificationInput>(pending.Count);
        foreach (var submission in pending)
        {
            var text = string.Join('\n', submission.Fields.Select(f => f.Text));
            texts.Add(new ClassifiedText(submission.SubmissionId, submission.Kind, text));
            var timesSeen = submission.Kind == ContentKind.Comment ? recent.CountAndGetPrevious(submission.Source, text) : 0;
            inputs.Add(new ClassificationInput(submission.Kind, submission.Source, submission.Fields, timesSeen));
        }

        var classifications = await engine.ClassifyManyAsync(inputs);
        var classified = pending.Select((submission, i) => new ContentClassified(submission.SubmissionId, submission.Kind, classifications[i].Verdict,
            classifications[i].Scores, classifications[i].Reasons, classifications[i].ModelVersion, classifications[i].PolicyVersion, clock.GetUtcNow())).ToList();

        if (classified.Count > 0)
        {
            await training.RememberTextsAsync(texts, cancellationToken);
            foreach (var result in await store.AddOrGetManyAsync(classified, cancellationToken))
            {
                results[result.SubmissionId] = result;
                metrics.Classified.Add(1,
                    new KeyValuePair<string, object?>("kind", result.Kind.ToString().ToLowerInvariant()),
                    new KeyValuePair<string, object?>("verdict", result.Verdict.ToString().ToLowerInvariant()));
            }
        }

        return submissions.Select(s => results[s.SubmissionId]).ToList();
    }
}

/// <summary>
/// The single submissions of concurrent messages, classified together (<see cref="WriteGroups{TItem, TResult}"/>):
/// one read and two writes of the store for whatever arrived meanwhile, instead of for each
/// message. Each result is still published on its own, by the message that brought its submission.
/// </summary>
public sealed class SingleSubmissions(SubmissionClassification classification)
{
    private readonly WriteGroups<Submission, ContentClassified> _groups = new(classification.ClassifyAsync);

    public async Task ClassifyAndPublishAsync(ConsumeContext context, Submission submission)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(submission);
        Activity.Current?.SetTag(Telemetry.SubmissionIdTag, submission.SubmissionId);
        var results = await _groups.WriteAsync([submission], context.CancellationToken);
        await context.Publish(results[0], context.CancellationToken);
    }
}

public sealed class ArticleSubmittedConsumer(SingleSubmissions singles) : IConsumer<ArticleSubmitted>
{
    public Task Consume(ConsumeContext<ArticleSubmitted> context) => singles.ClassifyAndPublishAsync(context, Submission.Of(context.Message));
}

public sealed class CommentSubmittedConsumer(SingleSubmissions singles) : IConsumer<CommentSubmitted>
{
    public Task Consume(ConsumeContext<CommentSubmitted> context) => singles.ClassifyAndPublishAsync(context, Submission.Of(context.Message));
}

/// <summary>
/// Classifies the submissions of a batch as their single events would be, articles first and then
/// comments (each list in its own order: the message does not say how the two interleaved), and
/// publishes their results together as one <see cref="BatchClassified"/>, in that same order.
/// </summary>
public sealed class BatchSubmittedConsumer(SubmissionClassification classification, TimeProvider clock) : IConsumer<BatchSubmitted>
{
    public async Task Consume(ConsumeContext<BatchSubmitted> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var batch = context.Message;
        Telemetry.TagBatch(batch);
        var results = await classification.ClassifyAsync(
            [.. batch.Articles.Select(Submission.Of), .. batch.Comments.Select(Submission.Of)], context.CancellationToken);
        await context.Publish(new BatchClassified(batch.BatchId, results, clock.GetUtcNow()), context.CancellationToken);
    }
}
