namespace Moderation.Client;

/// <summary>
/// How often moderators agreed with the classifier's <c>review</c> or <c>block</c> verdicts in one
/// top category: a final moderator decision of <c>remove</c> agrees, <c>approve</c> disagrees.
/// <see cref="Precision"/> is agreed / judged.
/// </summary>
public sealed record ClassifierAgreement(string Category, string Verdict, long Judged, long Agreed, double Precision);
