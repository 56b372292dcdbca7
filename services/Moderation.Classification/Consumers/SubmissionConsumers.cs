using System.Diagnostics;
using MassTransit;
using Moderation.Classification.Domain;
using Moderation.Classification.Storage;
using Moderation.Contracts;
using Moderation.ServiceDefaults;

namespace Moderation.Classification.Consumers;

/// <summary>
/// Classifies a submission once: a redelivered submission gets the stored result published again,
/// so a crash between storing and publishing loses nothing and changes nothing. The text is kept
/// so a moderator's later labels can be learned from.
/// </summary>
public sealed class SubmissionClassification(
    IClassificationStore store, ITrainingStore training, ClassificationEngine engine, RecentTexts recent, ClassificationMetrics metrics, TimeProvider clock)
{
    public async Task ClassifyAsync(ConsumeContext context, Guid submissionId, ContentKind kind, string source, IReadOnlyList<ContentField> fields)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(fields);
        Activity.Current?.SetTag(Telemetry.SubmissionIdTag, submissionId);
        var result = await store.GetAsync(submissionId, context.CancellationToken);
        if (result is null)
        {
            var text = string.Join('\n', fields.Select(f => f.Text));
            await training.RememberTextAsync(submissionId, kind, text, context.CancellationToken);
            var timesSeen = kind == ContentKind.Comment ? recent.CountAndGetPrevious(source, text) : 0;
            var classification = engine.Classify(new ClassificationInput(kind, source, fields, timesSeen));
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
        classification.ClassifyAsync(context, context.Message.SubmissionId, ContentKind.Article, context.Message.Source,
            [new ContentField("title", context.Message.Title), new ContentField("body", context.Message.Body)]);
}

public sealed class CommentSubmittedConsumer(SubmissionClassification classification) : IConsumer<CommentSubmitted>
{
    public Task Consume(ConsumeContext<CommentSubmitted> context) =>
        classification.ClassifyAsync(context, context.Message.SubmissionId, ContentKind.Comment, context.Message.Source,
            [new ContentField("body", context.Message.Body)]);
}
