using System.Diagnostics;
using MassTransit;
using Moderation.Classification.Domain;
using Moderation.Classification.Storage;
using Moderation.Contracts;
using Moderation.ServiceDefaults;

namespace Moderation.Classification.Consumers;

/// <summary>
/// Classifies a submission once: a redelivered submission gets the stored result published again,
/// so a crash between storing and publishing loses nothing and changes nothing.
/// </summary>
public sealed class SubmissionClassification(IClassificationStore store, KeywordClassifier classifier, ClassificationMetrics metrics, TimeProvider clock)
{
    public async Task ClassifyAsync(ConsumeContext context, Guid submissionId, ContentKind kind, IReadOnlyList<ContentField> fields)
    {
        ArgumentNullException.ThrowIfNull(context);
        Activity.Current?.SetTag(Telemetry.SubmissionIdTag, submissionId);
        var result = await store.GetAsync(submissionId, context.CancellationToken);
        if (result is null)
        {
            var classification = classifier.Classify(kind, fields);
            result = await store.AddOrGetAsync(new ContentClassified(submissionId, kind, classification.Verdict, classification.Scores,
                classification.Reasons, classification.ModelVersion, classification.PolicyVersion, clock.GetUtcNow()), context.CancellationToken);
            metrics.Classified.Add(1,
                new KeyValuePair<string, object?>("kind", kind.ToString().ToLowerInvariant()),
                new KeyValuePair<string, object?>("verdict", result.Verdict.ToString().ToLowerInvariant()));
        }

        await context.Publish(result, context.CancellationToken);
    }
}

public sealed class ArticleSubmittedConsumer(SubmissionClassification classification) : IConsumer<ArticleSubmitted>
{
    public Task Consume(ConsumeContext<ArticleSubmitted> context) =>
        classification.ClassifyAsync(context, context.Message.SubmissionId, ContentKind.Article,
            [new ContentField("title", context.Message.Title), new ContentField("body", context.Message.Body)]);
}

public sealed class CommentSubmittedConsumer(SubmissionClassification classification) : IConsumer<CommentSubmitted>
{
    public Task Consume(ConsumeContext<CommentSubmitted> context) =>
        classification.ClassifyAsync(context, context.Message.SubmissionId, ContentKind.Comment,
            [new ContentField("body", context.Message.Body)]);
}
