namespace Moderation.Contracts;

/// <summary>The taxonomy every score is reported in.</summary>
public static class Categories
{
    public const string Harassment = "harassment";
    public const string HarassmentThreatening = "harassment/threatening";
    public const string Hate = "hate";
    public const string HateThreatening = "hate/threatening";
    public const string Illicit = "illicit";
    public const string IllicitViolent = "illicit/violent";
    public const string SelfHarm = "self-harm";
    public const string SelfHarmIntent = "self-harm/intent";
    public const string SelfHarmInstructions = "self-harm/instructions";
    public const string Sexual = "sexual";
    public const string SexualMinors = "sexual/minors";
    public const string Violence = "violence";
    public const string ViolenceGraphic = "violence/graphic";
    public const string Profanity = "profanity";
    public const string Spam = "spam";
    public const string Pii = "pii";

    public static IReadOnlyList<string> All { get; } =
    [
        Harassment, HarassmentThreatening, Hate, HateThreatening, Illicit, IllicitViolent,
        SelfHarm, SelfHarmIntent, SelfHarmInstructions, Sexual, SexualMinors, Violence,
        ViolenceGraphic, Profanity, Spam, Pii,
    ];

    /// <summary>The index of a category in <see cref="All"/>, or -1.</summary>
    public static int IndexOf(string category)
    {
        for (var i = 0; i < All.Count; i++)
        {
            if (All[i] == category)
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>The parent of a sub-category ("harassment" for "harassment/threatening"), or null for a top-level one.</summary>
    public static string? ParentOf(string category)
    {
        ArgumentNullException.ThrowIfNull(category);
        var slash = category.IndexOf('/', StringComparison.Ordinal);
        return slash < 0 ? null : category[..slash];
    }
}
