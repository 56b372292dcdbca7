namespace Moderation.Ingestion.Domain;

/// <summary>The title and body found on a scraped page.</summary>
public sealed record ExtractedArticle(string Title, string Body);
