using Moderation.Review.Domain;
using Moderation.Review.Domain.Queue;
using static Moderation.Review.Tests.QueueRuleStep;

namespace Moderation.Review.Tests;

/// <summary>
/// The one table of the queue's ordering and claim rules (<see cref="ReviewQueueOrder"/>,
/// <see cref="ClaimRules"/>) and of the decisions that honour them (<see cref="ReviewRules.Decide"/>): every
/// adapter of the queue runs every row (<see cref="ReviewQueueContract"/>).
/// </summary>
public static class QueueRuleCases
{
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(5);

    public static IReadOnlyList<QueueRuleCase> All { get; } =
    [
        // Order: past the SLA, then priority, then due time, then age; the tier does not change it.
        new("Served: an item past its SLA comes before a worse one that is not",
            [new("severe") { Score = 0.95 }, new("overdue") { Score = 0.55, ClassifiedAt = -TimeSpan.FromHours(1) }],
            new Served(["overdue", "severe"])),
        new("Served: among items past their SLA the worse comes first, whichever was due first",
            [new("mild") { Score = 0.55, ClassifiedAt = -TimeSpan.FromHours(2) }, new("severe") { Score = 0.9, ClassifiedAt = -TimeSpan.FromHours(1) }],
            new Served(["severe", "mild"])),
        new("Served: the worse first",
            [new("mild") { Score = 0.55 }, new("worst") { Score = 0.95 }, new("middle") { Score = 0.7 }],
            new Served(["worst", "middle", "mild"])),
        new("Served: at the same priority the one due sooner first",
            [new("later") { ClassifiedAt = -TimeSpan.FromMinutes(1) }, new("sooner") { ClassifiedAt = -TimeSpan.FromMinutes(5) }],
            new Served(["sooner", "later"])),
        new("Served: at the same priority and due time the older first",
            [new("newer") { CreatedAt = -TimeSpan.FromMinutes(1) }, new("older") { CreatedAt = -TimeSpan.FromMinutes(10) }],
            new Served(["older", "newer"])),
        new("Served: an escalated item keeps its place in the order",
            [new("standard") { Score = 0.6 }, new("escalated") { Score = 0.9, Escalated = true }, new("mild") { Score = 0.5 }],
            new Served(["escalated", "standard", "mild"])),

        // Who may claim.
        new("Claimed: a moderator is not served escalated items",
            [new("standard") { Score = 0.6 }, new("escalated") { Score = 0.9, Escalated = true }],
            new Claimed("bob", ["standard"])),
        new("Claimed: a senior moderator is served escalated items too",
            [new("standard") { Score = 0.6 }, new("escalated") { Score = 0.9, Escalated = true }],
            new Claimed("carol", ["escalated", "standard"], IsSenior: true)),
        new("Claimed: the moderator who removed an appealed item is not served its appeal",
            [new("appealed") { RemovedBy = "alice" }, new("other") { Score = 0.5 }],
            new Claimed("alice", ["other"])),
        new("Claimed: another moderator is served the appeal",
            [new("appealed") { RemovedBy = "alice" }, new("other") { Score = 0.5 }],
            new Claimed("bob", ["appealed", "other"])),

        // Lease expiry.
        new("Claimed: an item leased to another is not served while the lease lives",
            [new("held") { HeldBy = "alice", LeaseEndsAt = Lease }],
            new Claimed("bob", [], At: Lease - TimeSpan.FromSeconds(1))),
        new("Claimed: a lease that ends at the moment of the claim is over",
            [new("held") { HeldBy = "alice", LeaseEndsAt = Lease }],
            new Claimed("bob", ["held"], At: Lease)),
        new("Claimed: the holder is not served an item again while holding it",
            [new("held") { HeldBy = "alice", LeaseEndsAt = Lease }, new("free") { Score = 0.5 }],
            new Claimed("alice", ["free"], At: TimeSpan.FromMinutes(1))),
        new("Listed: an item whose lease ran out is pending again",
            [new("held") { HeldBy = "alice", LeaseEndsAt = Lease }, new("free") { Score = 0.5 }],
            new Listed(ReviewItemState.Pending, ["held", "free"], At: Lease + TimeSpan.FromMinutes(1))),
        new("Listed: an item under a live lease is claimed, not pending",
            [new("held") { HeldBy = "alice", LeaseEndsAt = Lease }, new("free") { Score = 0.5 }],
            new Listed(ReviewItemState.Claimed, ["held"], At: TimeSpan.FromMinutes(1))),

        // How many one moderator may hold.
        new("Claimed: a claim never takes a moderator past the live leases allowed",
            [new("a") { HeldBy = "alice", LeaseEndsAt = Lease }, new("b") { HeldBy = "alice", LeaseEndsAt = Lease },
                new("c") { Score = 0.9 }, new("d") { Score = 0.6 }],
            new Claimed("alice", ["c"], Count: 5, MaxHeld: 3)),
        new("Claimed: a moderator holding the live leases allowed is served nothing",
            [new("a") { HeldBy = "alice", LeaseEndsAt = Lease }, new("b") { HeldBy = "alice", LeaseEndsAt = Lease }, new("c")],
            new Claimed("alice", [], Count: 5, MaxHeld: 2)),
        new("Claimed: leases that ran out do not count against the leases allowed",
            [new("a") { Score = 0.9, HeldBy = "alice", LeaseEndsAt = -TimeSpan.FromMinutes(1) },
                new("b") { Score = 0.7, HeldBy = "alice", LeaseEndsAt = -TimeSpan.FromMinutes(1) }, new("c") { Score = 0.5 }],
            new Claimed("alice", ["a", "b"], Count: 5, MaxHeld: 2)),
        new("Claimed: another moderator's leases do not count against one's own",
            [new("a") { HeldBy = "bob", LeaseEndsAt = Lease }, new("b") { Score = 0.9 }, new("c") { Score = 0.6 }],
            new Claimed("alice", ["b"], Count: 5, MaxHeld: 1)),
        new("Claimed: no more than the count asked for, the worst first",
            [new("a") { Score = 0.6 }, new("b") { Score = 0.9 }, new("c") { Score = 0.7 }],
            new Claimed("alice", ["b", "c"], Count: 2)),

        // Decisions honour claims: the decider holds the item, or the decision claims it in the same step.
        new("Decided: an item nobody holds is claimed by the decision and decided",
            [new("free")],
            new Decided("bob", "free", ReviewRefusal.None)),
        new("Decided: an item the moderator holds",
            [new("held") { HeldBy = "bob", LeaseEndsAt = Lease }],
            new Decided("bob", "held", ReviewRefusal.None, At: TimeSpan.FromMinutes(1))),
        new("Decided: an item leased to another is refused while the lease lives",
            [new("held") { HeldBy = "alice", LeaseEndsAt = Lease }],
            new Decided("bob", "held", ReviewRefusal.ClaimedByOther, At: Lease - TimeSpan.FromSeconds(1))),
        new("Decided: an item whose lease ends at the moment of the decision is anyone's",
            [new("held") { HeldBy = "alice", LeaseEndsAt = Lease }],
            new Decided("bob", "held", ReviewRefusal.None, At: Lease)),
        new("Decided: a senior moderator is refused an item leased to another as well",
            [new("held") { HeldBy = "alice", LeaseEndsAt = Lease }],
            new Decided("carol", "held", ReviewRefusal.ClaimedByOther, IsSenior: true)),
        new("Decided: an escalated item is refused to a moderator",
            [new("escalated") { Escalated = true }],
            new Decided("bob", "escalated", ReviewRefusal.NeedsSeniorModerator)),
        new("Decided: an escalated item is decided by a senior moderator",
            [new("escalated") { Escalated = true }],
            new Decided("carol", "escalated", ReviewRefusal.None, IsSenior: true)),
        new("Decided: the moderator who removed an appealed item cannot decide its appeal",
            [new("appealed") { RemovedBy = "alice" }],
            new Decided("alice", "appealed", ReviewRefusal.RemovedByCaller)),
        new("Decided: another moderator decides the appeal",
            [new("appealed") { RemovedBy = "alice" }],
            new Decided("bob", "appealed", ReviewRefusal.None)),

        // An appeal of a removal decided at senior tier stays at senior tier, for a senior other than the remover.
        new("Claimed: the appeal of a removal at senior tier is not served to a moderator",
            [new("appealed") { Escalated = true, RemovedBy = "carol" }, new("other") { Score = 0.5 }],
            new Claimed("bob", ["other"])),
        new("Claimed: the appeal of a removal at senior tier is served to another senior moderator",
            [new("appealed") { Escalated = true, RemovedBy = "carol" }, new("other") { Score = 0.5 }],
            new Claimed("dave", ["appealed", "other"], IsSenior: true)),
        new("Claimed: the appeal of a removal at senior tier is not served to the senior who removed",
            [new("appealed") { Escalated = true, RemovedBy = "carol" }, new("other") { Score = 0.5 }],
            new Claimed("carol", ["other"], IsSenior: true)),
        new("Decided: the appeal of a removal at senior tier is refused to a moderator",
            [new("appealed") { Escalated = true, RemovedBy = "carol" }],
            new Decided("bob", "appealed", ReviewRefusal.NeedsSeniorModerator)),
        new("Decided: the appeal of a removal at senior tier is refused to the senior who removed",
            [new("appealed") { Escalated = true, RemovedBy = "carol" }],
            new Decided("carol", "appealed", ReviewRefusal.RemovedByCaller, IsSenior: true)),
        new("Decided: another senior moderator decides the appeal of a removal at senior tier",
            [new("appealed") { Escalated = true, RemovedBy = "carol" }],
            new Decided("dave", "appealed", ReviewRefusal.None, IsSenior: true)),
    ];

    public static TheoryData<string> Names { get; } = [.. All.Select(c => c.Name)];

    public static QueueRuleCase Named(string name) => All.Single(c => c.Name == name);
}
