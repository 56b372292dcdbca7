namespace Moderation.Ingestion.Domain;

/// <summary>Where a submission of record is in its life.</summary>
public enum SubmissionState
{
    Received,
    Classified,
    InReview,
    Approved,
    Removed,
}
