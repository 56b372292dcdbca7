using System.Globalization;
using System.Text;

namespace Moderation.LoadDriver;

/// <summary>
/// A repeatable mix of realistic submissions: news articles of a few thousand characters, comments
/// of a few hundred, and a share of comments written to need a moderator. Every text is unique, and
/// carries <paramref name="runTag"/>, so duplicate detection never folds two submissions into one,
/// not even those of two runs against the same store.
/// </summary>
public sealed class ContentMix(int seed, double reviewShare, string runTag)
{
    private static readonly string[] ReportingSentences =
    [
        "Officials said on Thursday that the council would publish its budget review before the end of the month.",
        "The mayor told reporters that the new tram line would open in stages, starting with the northern suburbs.",
        "Residents who attended the meeting asked for more detail on how the changes would affect local schools.",
        "According to the report, the number of visitors rose by a fifth compared with the same period last year.",
        "Police said the investigation into the warehouse fire was continuing and that no arrests had been made.",
        "Analysts expect the central bank to keep interest rates unchanged at its next meeting in December.",
        "The minister described the agreement as a first step and said further talks were planned for the spring.",
        "Local businesses welcomed the decision, although some warned that parking would remain a problem.",
    ];

    private static readonly string[] OrdinaryComments =
    [
        "Thanks for the clear write-up. I would like to know how the council plans to pay for the second phase, though.",
        "I live near the northern terminus and the works have been going on for months. Good to finally see a date.",
        "Interesting numbers. Does the report say anything about how many of those visitors came from abroad?",
        "The article misses the point that the schools were consulted last year and nothing changed afterwards.",
    ];

    private static readonly string[] CommentsForReview =
    [
        "People like the mayor deserve what is coming. He could be vaporized in his car tonight and nobody would care.",
        "Somebody should teach that reporter a lesson. She could be shot on her way home tomorrow, just saying.",
    ];

    // Calls come from many tasks at once, and a Random used concurrently can break so that it returns
    // 0 for ever: take turns.
    private readonly Random _random = new(seed);
    private readonly Lock _turn = new();
    private long _counter;

    /// <summary>
    /// A fresh tag for a run, of letters only: a tag of hex digits such as "60216900", followed by
    /// "-587", is a phone number to the PII rule, and one such run sent nearly every submission for review.
    /// </summary>
    public static string NewRunTag() => string.Concat(Enumerable.Range(0, 8).Select(_ => (char)('a' + Random.Shared.Next(26))));

    public (string Title, string Body) NextArticle()
    {
        using var turn = _turn.EnterScope();
        var number = ++_counter;
        var body = new StringBuilder();
        while (body.Length < 3_000)
        {
            body.Append(ReportingSentences[_random.Next(ReportingSentences.Length)]).Append(' ');
            if (_random.Next(4) == 0)
            {
                body.Append("\n\n");
            }
        }

        body.Append(CultureInfo.InvariantCulture, $"(Report {runTag}-{number}.)");
        return ($"City council update {runTag}-{number}", body.ToString());
    }

    /// <summary>A comment, and whether it was written to need a moderator.</summary>
    public (string Body, bool WrittenForReview) NextComment()
    {
        using var turn = _turn.EnterScope();
        var number = ++_counter;
        var forReview = _random.NextDouble() < reviewShare;
        var pool = forReview ? CommentsForReview : OrdinaryComments;
        var text = pool[_random.Next(pool.Length)] + " " + OrdinaryComments[_random.Next(OrdinaryComments.Length)];
        return ($"{text} (#{runTag}-{number})", forReview);
    }
}
