using Moderation.Classification.Domain;
using Moderation.Classification.Storage;
using Moderation.Contracts;

namespace Moderation.Classification.Consumers;

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
            inputs.Add(new ClassificationInput(submission.Kind, submission.Source, submission.Fields, timesSeen, submission.Publisher));
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
