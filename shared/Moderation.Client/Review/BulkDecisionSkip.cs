namespace Moderation.Client;

/// <summary>
/// An item a bulk decision left alone, and why: <c>claimed-by-other</c>, <c>already-decided</c>,
/// <c>not-found</c>, <c>needs-senior-moderator</c> or <c>removed-by-caller</c>.
/// </summary>
public sealed record BulkDecisionSkip(Guid ItemId, string Reason);
