namespace Moderation.Client;

/// <summary>Where a submission is in its life, as <c>GET /api/v1/submissions/{id}</c> reports it.</summary>
public enum SubmissionStatus
{
    Received,
    Classified,
    InReview,
    Approved,
    Removed,
}
