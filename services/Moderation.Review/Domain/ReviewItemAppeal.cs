using Moderation.Contracts;

namespace Moderation.Review.Domain;

/// <summary>The author's appeal of a removal, stored with its item until <see cref="AppealFiled"/> is published.</summary>
public sealed record ReviewItemAppeal(AppealFiled Event, IReadOnlyList<string> ExcludedModerators, DateTimeOffset? PublishedAt);
