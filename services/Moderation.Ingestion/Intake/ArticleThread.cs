namespace Moderation.Ingestion.Intake;

/// <summary>What a comment takes from the article it belongs to, its publisher included.</summary>
public sealed record ArticleThread(string Source, string Title, string? Publisher);
