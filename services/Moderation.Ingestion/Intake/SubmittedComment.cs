namespace Moderation.Ingestion.Intake;

/// <summary>
/// A comment as it was handed in, under the article it names, before <see cref="SubmissionIntake"/> checked it.
/// <see cref="SubmittedBy"/> is the authenticated caller's name, which the audit log records as the actor;
/// <see cref="Publisher"/> is the caller's publisher, which must be the article's (null: an admin, who may comment anywhere).
/// </summary>
public sealed record SubmittedComment(Guid ArticleId, string? Author, string? Body, Guid? ParentCommentId = null, string? SubmittedBy = null, string? Publisher = null);
