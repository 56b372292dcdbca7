using Moderation.Ingestion.Domain;

namespace Moderation.Ingestion.Storage;

/// <summary>One change of <see cref="ISubmissionStore.UpdateManyAsync"/>: returns false to leave the submission as it is.</summary>
public sealed record SubmissionRecordChange(Guid SubmissionId, Func<SubmissionRecord, bool> Change);
