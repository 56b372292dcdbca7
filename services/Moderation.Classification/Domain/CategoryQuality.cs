namespace Moderation.Classification.Domain;

/// <summary>How well scores separate the texts that belong to a category from those that do not.</summary>
public sealed record CategoryQuality(int Positives, int Count, double Precision, double Recall, double F1, double Auprc);
