using Moderation.Review.Domain.Queue;

namespace Moderation.Review.Storage;

/// <summary>Who claims, how many, when, and under which rules.</summary>
public sealed record ClaimSpec(string Moderator, bool IsSenior, int Count, DateTimeOffset Now, ClaimRules Rules)
{
    public DateTimeOffset LeaseUntil => Rules.LeaseUntil(Now);

    public QueueCondition Claimable => ClaimRules.ClaimableBy(Moderator, IsSenior, Now);

    public QueueCondition Held => ClaimRules.HeldBy(Moderator, Now);
}
