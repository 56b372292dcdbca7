namespace Moderation.Ingestion.Intake;

/// <summary>A comment as it was handed in, under the article it names, before <see cref="SubmissionIntake"/> checked it.</summary>
public sealed record SubmittedComment(Guid ArticleId, string? Author, string? Body, Guid? ParentCommentId = null);
