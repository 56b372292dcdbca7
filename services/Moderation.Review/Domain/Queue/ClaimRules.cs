namespace Moderation.Review.Domain.Queue;

/// <summary>
/// Who may take which item, for how long and how many at once, defined once: both adapters derive
/// their claim queries from these conditions and the domain evaluates the same ones on an item.
/// </summary>
/// <param name="LeaseDuration">How long a claim holds an item before it is claimable again.</param>
/// <param name="MaxHeld">How many live leases one moderator may hold at once, so nobody hoards the queue.</param>
public sealed record ClaimRules(TimeSpan LeaseDuration, int MaxHeld)
{
    public static ClaimRules From(ReviewOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new ClaimRules(options.LeaseDuration, options.MaxHeldPerModerator);
    }

    /// <summary>In the queue and held by nobody: pending, or claimed with a lease that has run out (a lease ending now has).</summary>
    public static QueueCondition Open(DateTimeOffset now) =>
        new QueueCondition.Equal(QueueField.Queued, true) &
        (new QueueCondition.Equal(QueueField.State, ReviewItemState.Pending) |
            (new QueueCondition.Equal(QueueField.State, ReviewItemState.Claimed) & new QueueCondition.AtOrBefore(QueueField.LeaseUntil, now)));

    public static QueueCondition LiveLease(DateTimeOffset now) =>
        new QueueCondition.Equal(QueueField.State, ReviewItemState.Claimed) & new QueueCondition.After(QueueField.LeaseUntil, now);

    public static QueueCondition HeldBy(string moderator, DateTimeOffset now) =>
        new QueueCondition.Equal(QueueField.ClaimedBy, moderator) & LiveLease(now);

    /// <summary>An escalated item, and the appeal of a removal decided at senior tier, is for senior moderators.</summary>
    public static QueueCondition AtStandardTier { get; } = new QueueCondition.Equal(QueueField.Escalated, false);

    /// <summary>Not an appeal of this moderator's own removal.</summary>
    public static QueueCondition NotExcluding(string moderator) => new QueueCondition.Lacks(QueueField.ExcludedModerators, moderator);

    public static QueueCondition ClaimableBy(string moderator, bool isSenior, DateTimeOffset now) => isSenior
        ? Open(now) & NotExcluding(moderator)
        : Open(now) & AtStandardTier & NotExcluding(moderator);

    public DateTimeOffset LeaseUntil(DateTimeOffset now) => now + LeaseDuration;

    /// <summary>How many of <paramref name="requested"/> items a moderator holding <paramref name="held"/> live leases may take.</summary>
    public int Take(int requested, long held) => (int)Math.Clamp(MaxHeld - held, 0, requested);
}
