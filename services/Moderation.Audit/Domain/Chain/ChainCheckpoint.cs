namespace Moderation.Audit.Domain.Chain;

/// <summary>What an auditor kept from an earlier checkpoint: entry <see cref="Sequence"/> carried <see cref="Hash"/>.</summary>
public sealed record ChainCheckpoint(long Sequence, string Hash);
