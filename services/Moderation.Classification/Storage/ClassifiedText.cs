using Moderation.Contracts;

namespace Moderation.Classification.Storage;

/// <summary>The text a submission was classified on, kept so a moderator's later labels can be learned from.</summary>
public sealed record ClassifiedText(Guid SubmissionId, ContentKind Kind, string Text);
