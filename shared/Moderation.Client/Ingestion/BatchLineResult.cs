namespace Moderation.Client;

/// <summary>What became of one line; <paramref name="Line"/> counts from 1, blank lines included.</summary>
public sealed record BatchLineResult(
    int Line,
    BatchLineStatus Status,
    Guid? SubmissionId = null,
    Guid? ArticleId = null,
    Guid? CommentId = null,
    Guid? DuplicateOf = null,
    string? Error = null);
