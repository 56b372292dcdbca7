using System.Text.RegularExpressions;
using Moderation.Classification.Policy;
using Moderation.Contracts;

namespace Moderation.Classification.Domain;

/// <summary>
/// Detectors that read the original text, where folding would spoil digits and case: personal data
/// (e-mail, phone, Luhn-valid payment card, national ID shapes) and spam signals (link floods,
/// shouting, the same text again and again).
/// </summary>
public static partial class Detectors
{
    private static readonly int Pii = IndexOf(Categories.Pii);
    private static readonly int Spam = IndexOf(Categories.Spam);

    // Without lookarounds these two run on the linear-time engine: the backtracking one is quadratic in a long
    // run of word characters with no '@', enough to reach the match timeout on a busy machine.
    [GeneratedRegex(@"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}", RegexOptions.CultureInvariant | RegexOptions.NonBacktracking, 250)]
    private static partial Regex Email();

    [GeneratedRegex(@"(?<![\w+])(\+\d{1,3}[ .-]?)?(\(\d{2,4}\)|\d{2,4})[ .-]?\d{3,4}[ .-]?\d{3,4}(?!\w)", RegexOptions.CultureInvariant, 250)]
    private static partial Regex Phone();

    [GeneratedRegex(@"(?<!\d)\d(?:[ -]?\d){12,18}(?!\d)", RegexOptions.CultureInvariant, 250)]
    private static partial Regex CardNumber();

    /// <summary>US social security numbers and UK national insurance numbers.</summary>
    [GeneratedRegex(@"(?<!\d)(?!000|666|9\d\d)\d{3}-(?!00)\d{2}-(?!0000)\d{4}(?!\d)|\b[A-CEGHJ-PR-TW-Z][A-CEGHJ-NPR-TW-Z] ?\d{2} ?\d{2} ?\d{2} ?[A-D]\b", RegexOptions.CultureInvariant, 250)]
    private static partial Regex NationalId();

    [GeneratedRegex(@"\b(https?://|www\.)[^\s<>""]+", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase | RegexOptions.NonBacktracking, 250)]
    private static partial Regex Link();

    private const int DetectorRule = -100_000;

    internal static void FindPii(PiiWeights weights, ContentField field, Evidence evidence)
    {
        var text = field.Text;
        if (!text.AsSpan().ContainsAnyInRange('0', '9') && !text.Contains('@', StringComparison.Ordinal))
        {
            return;
        }

        var cards = new List<(int Start, int End)>();
        foreach (var match in CardNumber().EnumerateMatches(text))
        {
            if (PassesLuhn(text.AsSpan(match.Index, match.Length)))
            {
                cards.Add((match.Index, match.Index + match.Length));
                Add(evidence, field, Pii, 1, weights.PaymentCard, "payment card number", match.Index, match.Length);
            }
        }

        foreach (var match in Email().EnumerateMatches(text))
        {
            Add(evidence, field, Pii, 2, weights.Email, "e-mail address", match.Index, match.Length);
        }

        var ids = new List<(int Start, int End)>();
        foreach (var match in NationalId().EnumerateMatches(text))
        {
            ids.Add((match.Index, match.Index + match.Length));
            Add(evidence, field, Pii, 3, weights.NationalId, "national ID number", match.Index, match.Length);
        }

        foreach (var match in Phone().EnumerateMatches(text))
        {
            var digits = CountDigits(text.AsSpan(match.Index, match.Length));
            if (digits is >= 9 and <= 15 && !Overlaps(cards, match.Index) && !Overlaps(ids, match.Index))
            {
                Add(evidence, field, Pii, 4, weights.Phone, "phone number", match.Index, match.Length);
            }
        }
    }

    internal static void FindSpam(SpamSettings settings, ContentField field, int timesSeenBefore, Evidence evidence)
    {
        var text = field.Text;
        var links = 0;
        var (first, last) = (-1, -1);
        foreach (var match in Link().EnumerateMatches(text))
        {
            links++;
            first = first < 0 ? match.Index : first;
            last = match.Index + match.Length;
        }

        if (links >= settings.LinksFrom)
        {
            Add(evidence, field, Spam, 5, settings.LinkFloodWeight, $"link flood ({links} links)", first, last - first);
        }

        var letters = 0;
        var upper = 0;
        foreach (var c in text)
        {
            if (char.IsLetter(c))
            {
                letters++;
                upper += char.IsUpper(c) ? 1 : 0;
            }
        }

        if (letters >= settings.ShoutingMinLetters && upper >= settings.ShoutingRatio * letters)
        {
            Add(evidence, field, Spam, 6, settings.ShoutingWeight, "shouting", 0, text.Length);
        }

        if (timesSeenBefore + 1 >= settings.RepeatsFrom)
        {
            Add(evidence, field, Spam, 7, settings.RepeatWeight, $"the same text {timesSeenBefore + 1} times", 0, text.Length);
        }
    }

    /// <summary>The Luhn check digit test that every payment card number passes and most random digit runs fail.</summary>
    public static bool PassesLuhn(ReadOnlySpan<char> number)
    {
        var sum = 0;
        var count = 0;
        for (var i = number.Length - 1; i >= 0; i--)
        {
            if (!char.IsAsciiDigit(number[i]))
            {
                continue;
            }

            var digit = number[i] - '0';
            if (count % 2 == 1)
            {
                digit = digit * 2 > 9 ? (digit * 2) - 9 : digit * 2;
            }

            sum += digit;
            count++;
        }

        return count is >= 13 and <= 19 && sum % 10 == 0;
    }

    private static int CountDigits(ReadOnlySpan<char> span)
    {
        var digits = 0;
        foreach (var c in span)
        {
            digits += char.IsAsciiDigit(c) ? 1 : 0;
        }

        return digits;
    }

    private static bool Overlaps(List<(int Start, int End)> spans, int position) => spans.Exists(s => position >= s.Start && position < s.End);

    private static void Add(Evidence evidence, ContentField field, int category, int detector, double weight, string detail, int start, int length) =>
        evidence.AddOriginal(field, category, DetectorRule - detector, string.GetHashCode(field.Text.AsSpan(start, length)), weight, detail, start, start + length);

    private static int IndexOf(string category)
    {
        for (var i = 0; i < Categories.All.Count; i++)
        {
            if (Categories.All[i] == category)
            {
                return i;
            }
        }

        throw new ArgumentOutOfRangeException(nameof(category), category, "is not a category of the taxonomy.");
    }
}
