namespace Moderation.Client;

/// <summary>Submissions received in one hour of one kind, verdict (<c>pending</c> before classification) and top category (<c>none</c> without one).</summary>
public sealed record HourlySubmissions(DateTimeOffset Hour, string Kind, string Verdict, string Category, long Count);
