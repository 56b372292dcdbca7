namespace Moderation.Classification.Domain;

/// <summary>A word of the folded text: its span, and whether a letter in it repeats three times or more ("kiiill").</summary>
public readonly record struct Token(int Start, int End, bool Elongated);

/// <summary>A lexicon entry: evidence for a category, or a cue that reveals a framing.</summary>
public sealed class Term(int id, string[] words, int category, int framingBit, double weight, string detail)
{
    public int Id { get; } = id;

    public string[] Words { get; } = words;

    public string[] Squeezed { get; } = words.Select(RuleMatcher.Squeeze).ToArray();

    /// <summary>Index into the taxonomy, or -1 for a framing cue.</summary>
    public int Category { get; } = category;

    public int FramingBit { get; } = framingBit;

    public double Weight { get; } = weight;

    public string Detail { get; } = detail;
}

public readonly record struct TermHit(Term Term, int FirstToken, int LastToken);

/// <summary>
/// Whole-word lexicon lookup on the folded text. Matching whole tokens is what keeps "classic",
/// "assassin", "therapist", "Scunthorpe" and "cocktail" clean: a term never matches inside a
/// longer word. A token with a letter repeated for emphasis is compared with every run of a
/// letter squeezed to one, so "kiiiill" finds "kill" while "ass" never finds "as".
/// </summary>
public sealed class RuleMatcher
{
    private readonly Dictionary<string, List<Term>> _byFirstWord = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<Term>> _bySqueezedFirstWord = new(StringComparer.Ordinal);
    private int _nextId;

    public void AddTerms(int category, double weight, string detail, IEnumerable<string> phrases) =>
        Add(category, 0, weight, detail, phrases);

    public void AddFramingCues(int framingBit, IEnumerable<string> phrases) => Add(-1, framingBit, 0, string.Empty, phrases);

    private void Add(int category, int framingBit, double weight, string detail, IEnumerable<string> phrases)
    {
        foreach (var phrase in phrases)
        {
            var folded = TextNormalizer.Normalize(phrase).Text;
            var words = new List<string>();
            foreach (var token in Tokenize(folded))
            {
                words.Add(folded[token.Start..token.End]);
            }

            if (words.Count == 0)
            {
                continue;
            }

            var term = new Term(_nextId++, [.. words], category, framingBit, weight, detail);
            Index(_byFirstWord, term.Words[0], term);
            Index(_bySqueezedFirstWord, term.Squeezed[0], term);
        }
    }

    private static void Index(Dictionary<string, List<Term>> index, string key, Term term)
    {
        if (!index.TryGetValue(key, out var terms))
        {
            index[key] = terms = [];
        }

        terms.Add(term);
    }

    /// <summary>Every term that starts at some token and matches the tokens after it.</summary>
    public void Match(string text, List<Token> tokens, List<TermHit> hits)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(tokens);
        ArgumentNullException.ThrowIfNull(hits);
        var exact = _byFirstWord.GetAlternateLookup<ReadOnlySpan<char>>();
        var squeezed = _bySqueezedFirstWord.GetAlternateLookup<ReadOnlySpan<char>>();
        Span<char> buffer = stackalloc char[64];
        for (var i = 0; i < tokens.Count; i++)
        {
            var token = tokens[i];
            var word = text.AsSpan(token.Start, token.End - token.Start);
            List<Term>? candidates;
            if (token.Elongated)
            {
                if (word.Length > buffer.Length)
                {
                    continue;
                }

                var length = Squeeze(word, buffer);
                squeezed.TryGetValue(buffer[..length], out candidates);
            }
            else
            {
                exact.TryGetValue(word, out candidates);
            }

            if (candidates is null)
            {
                continue;
            }

            foreach (var term in candidates)
            {
                if (i + term.Words.Length <= tokens.Count && RestMatches(text, tokens, i, term, buffer))
                {
                    hits.Add(new TermHit(term, i, i + term.Words.Length - 1));
                }
            }
        }
    }

    private static bool RestMatches(string text, List<Token> tokens, int first, Term term, Span<char> buffer)
    {
        for (var k = 1; k < term.Words.Length; k++)
        {
            var token = tokens[first + k];
            var word = text.AsSpan(token.Start, token.End - token.Start);
            if (token.Elongated)
            {
                if (word.Length > buffer.Length || !buffer[..Squeeze(word, buffer)].SequenceEqual(term.Squeezed[k]))
                {
                    return false;
                }
            }
            else if (!word.SequenceEqual(term.Words[k]))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The words of a folded text: letters and digits, with an apostrophe or "*" inside a word kept ("don't", "f*ck").</summary>
    public static List<Token> Tokenize(string text, List<Token>? tokens = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        tokens ??= [];
        var i = 0;
        while (i < text.Length)
        {
            if (!char.IsLetterOrDigit(text[i]))
            {
                i++;
                continue;
            }

            var start = i;
            var run = 1;
            var elongated = false;
            i++;
            while (i < text.Length && (char.IsLetterOrDigit(text[i]) || (text[i] is '\'' or '*' && i + 1 < text.Length && (char.IsLetter(text[i + 1]) || text[i + 1] == '*'))))
            {
                run = text[i] == text[i - 1] ? run + 1 : 1;
                elongated |= run >= 3 && char.IsLetter(text[i]);
                i++;
            }

            tokens.Add(new Token(start, i, elongated));
        }

        return tokens;
    }

    public static string Squeeze(string word)
    {
        ArgumentNullException.ThrowIfNull(word);
        Span<char> buffer = stackalloc char[word.Length];
        return new string(buffer[..Squeeze(word, buffer)]);
    }

    private static int Squeeze(ReadOnlySpan<char> word, Span<char> buffer)
    {
        var length = 0;
        foreach (var c in word)
        {
            if (length == 0 || buffer[length - 1] != c)
            {
                buffer[length++] = c;
            }
        }

        return length;
    }
}
