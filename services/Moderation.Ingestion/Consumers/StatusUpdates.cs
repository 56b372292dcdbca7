using System.Diagnostics;
using Moderation.Ingestion.Domain;
using Moderation.Ingestion.Storage;
using Moderation.ServiceDefaults;
using Moderation.Storage;

namespace Moderation.Ingestion.Consumers;

/// <summary>
/// The status changes the consumers make to submissions of record, grouped (<see cref="WriteGroups{TItem, TResult}"/>):
/// those of concurrent messages go to the store together in one <see cref="ISubmissionStore.UpdateManyAsync"/>,
/// in the order they arrived. Applying an event is idempotent, as that write asks.
/// </summary>
public sealed class StatusUpdates(ISubmissionStore store)
{
    private readonly WriteGroups<SubmissionRecordChange, SubmissionRecordChange> _updates = WriteGroups.For<SubmissionRecordChange>(store.UpdateManyAsync);

    public Task ApplyAsync(IReadOnlyList<SubmissionRecordChange> changes, CancellationToken cancellationToken) => _updates.WriteAsync(changes, cancellationToken);

    /// <summary>Applies one event to its submission, with the submission's id on the consumer's trace.</summary>
    public Task ApplyAsync(Guid submissionId, Func<SubmissionRecord, bool> change, CancellationToken cancellationToken)
    {
        Activity.Current?.SetTag(Telemetry.SubmissionIdTag, submissionId);
        return _updates.WriteAsync([new SubmissionRecordChange(submissionId, change)], cancellationToken);
    }
}
