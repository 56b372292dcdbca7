using Moderation.Review.Domain;

namespace Moderation.Review.Storage;

/// <summary>A change to the review item of one submission; it returns false to leave an existing item as it is.</summary>
public sealed record ReviewItemChange(Guid SubmissionId, Func<ReviewItem, bool> Change);
