namespace Moderation.Classification.Domain;

/// <summary>
/// Whole-word lexicon lookup on the folded text. Matching whole tokens is what keeps "classic",
/// "assassin", "therapist", "Scunthorpe" and "cocktail" clean: a term never matches inside a
/// longer word. The policy's words also form a vocabulary for letters repeated for emphasis: a
/// token with a letter three times or more ("kiiiilll") is read as the policy word it squeezes to
/// ("kill"), the longest one when several do; a token that is not elongated is never rewritten.
/// </summary>
public sealed partial class RuleMatcher
{
    private readonly Dictionary<string, List<Term>> _byFirstWord = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _vocabulary = new(StringComparer.Ordinal);
    private int _nextId;
    private bool _holdsInnocentPhrases;
    private readonly Dictionary<int, List<string>> _lexiconWordsByLength = [];
    private readonly Dictionary<string, ulong> _lexiconWordCategories = new(StringComparer.Ordinal);

    [System.Text.RegularExpressions.GeneratedRegex(@"\\[a-zA-Z]")]
    private static partial System.Text.RegularExpressions.Regex RegexEscape();

    [System.Text.RegularExpressions.GeneratedRegex("[a-z]{2,}")]
    private static partial System.Text.RegularExpressions.Regex Word();

    /// <summary>The words written in a pattern, so an elongated spelling of them is read as the word.</summary>
    public void AddPatternVocabulary(string pattern)
    {
        ArgumentNullException.ThrowIfNull(pattern);
        foreach (System.Text.RegularExpressions.Match word in Word().Matches(RegexEscape().Replace(pattern, " ")))
        {
            AddVocabulary(word.Value);
        }
    }

    private void AddVocabulary(string word)
    {
        var squeezed = Squeeze(word);
        if (!_vocabulary.TryGetValue(squeezed, out var known) || known.Length < word.Length)
        {
            _vocabulary[squeezed] = word;
        }
    }

    /// <summary>The policy word an elongated token stands for, if any.</summary>
    public string? Canonical(ReadOnlySpan<char> elongated)
    {
        if (elongated.Length > 64)
        {
            return null;
        }

        Span<char> buffer = stackalloc char[elongated.Length];
        return _vocabulary.GetAlternateLookup<ReadOnlySpan<char>>().TryGetValue(buffer[..Squeeze(elongated, buffer)], out var word) ? word : null;
    }

    private void AddLexiconWord(string word, int category)
    {
        if (word.Contains('*', StringComparison.Ordinal))
        {
            return;
        }

        _lexiconWordCategories[word] = _lexiconWordCategories.GetValueOrDefault(word) | (1UL << category);

        if (!_lexiconWordsByLength.TryGetValue(word.Length, out var words))
        {
            _lexiconWordsByLength[word.Length] = words = [];
        }

        if (!words.Contains(word, StringComparer.Ordinal))
        {
            words.Add(word);
        }
    }

    /// <summary>
    /// The lexicon word a masked token stands for ("c*nt", "motherf***er", "a**hole"): the one word
    /// of the policy's one-word terms, of the token's length, whose letters agree wherever the token shows one
    /// (each "*" hides one letter, and at least two letters show). Null when no word fits, or when
    /// several words of different categories do ("s**t"), as the reader could not tell either;
    /// spellings of one word ("a**hole": asshole, azzhole) are listed alike and read as the first.
    /// </summary>
    public string? Unmasked(ReadOnlySpan<char> masked)
    {
        if (masked.IndexOf('*') < 0 || masked.Length - masked.Count('*') < 2 || !_lexiconWordsByLength.TryGetValue(masked.Length, out var words))
        {
            return null;
        }

        string? fit = null;
        foreach (var word in words)
        {
            var agrees = true;
            for (var i = 0; agrees && i < masked.Length; i++)
            {
                agrees = masked[i] == '*' || masked[i] == word[i];
            }

            if (agrees)
            {
                if (fit is not null && _lexiconWordCategories[fit] != _lexiconWordCategories[word])
                {
                    return null;
                }

                fit ??= word;
            }
        }

        return fit;
    }

    /// <summary>Whether a word is, or begins, one of the policy's terms.</summary>
    public bool StartsATerm(ReadOnlySpan<char> word) => _byFirstWord.GetAlternateLookup<ReadOnlySpan<char>>().TryGetValue(word, out var terms)
        && terms.Exists(t => t.Category >= 0);

    public void AddTerms(int category, double weight, string detail, IEnumerable<string> phrases) =>
        Add(category, 0, weight, detail, phrases);

    public void AddFramingCues(int framingBit, IEnumerable<string> phrases) => Add(Term.FramingCue, framingBit, 0, string.Empty, phrases);

    public void AddInnocentPhrases(IEnumerable<string> phrases)
    {
        var before = _nextId;
        Add(Term.InnocentPhrase, 0, 0, string.Empty, phrases);
        _holdsInnocentPhrases |= _nextId > before;
    }

    /// <summary>
    /// The text with the innocent phrases it holds cut out ("Dick Van Dyke was in Mary Poppins"
    /// reads " was in Mary Poppins"): what the models read, so a listed word inside a name or an
    /// idiom weighs in no score, as it gives no rule evidence. The same string when it holds none.
    /// </summary>
    public string WithoutInnocentPhrases(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (!_holdsInnocentPhrases)
        {
            return text;
        }

        var folded = EvasionFolding.Fold(text);
        var tokens = Tokenize(folded.Text);
        var hits = new List<TermHit>();
        Match(folded.Text, tokens, hits);
        var cuts = hits.Where(h => h.Term.Category == Term.InnocentPhrase)
            .Select(h => folded.ToOriginal(tokens[h.FirstToken].Start, tokens[h.LastToken].End))
            .OrderBy(span => span.Start)
            .ToList();
        if (cuts.Count == 0)
        {
            return text;
        }

        var kept = new System.Text.StringBuilder(text.Length);
        var next = 0;
        foreach (var (start, end) in cuts)
        {
            kept.Append(text, next, Math.Max(0, start - next));
            next = Math.Max(next, end);
        }

        return kept.Append(text, next, text.Length - next).ToString();
    }

    private void Add(int category, int framingBit, double weight, string detail, IEnumerable<string> phrases)
    {
        foreach (var phrase in phrases)
        {
            var folded = EvasionFolding.Fold(phrase).Text;
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
            if (!_byFirstWord.TryGetValue(term.Words[0], out var terms))
            {
                _byFirstWord[term.Words[0]] = terms = [];
            }

            terms.Add(term);
            words.ForEach(AddVocabulary);
            // A mask hides a listed word, not a word of a listed phrase: "wh*re" is "whore", though
            // "where" stands in "go back where you came from".
            if (category >= 0 && words.Count == 1)
            {
                words.ForEach(word => AddLexiconWord(word, category));
            }
        }
    }

    /// <summary>Every term that starts at some token and matches the tokens after it.</summary>
    public void Match(string text, List<Token> tokens, List<TermHit> hits)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(tokens);
        ArgumentNullException.ThrowIfNull(hits);
        var exact = _byFirstWord.GetAlternateLookup<ReadOnlySpan<char>>();
        for (var i = 0; i < tokens.Count; i++)
        {
            var token = tokens[i];
            if (!exact.TryGetValue(text.AsSpan(token.Start, token.End - token.Start), out var candidates))
            {
                continue;
            }

            foreach (var term in candidates)
            {
                if (i + term.Words.Length <= tokens.Count && RestMatches(text, tokens, i, term))
                {
                    hits.Add(new TermHit(term, i, i + term.Words.Length - 1));
                }
            }
        }
    }

    private static bool RestMatches(string text, List<Token> tokens, int first, Term term)
    {
        for (var k = 1; k < term.Words.Length; k++)
        {
            var token = tokens[first + k];
            if (!text.AsSpan(token.Start, token.End - token.Start).SequenceEqual(term.Words[k]))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The words of a folded text: letters and digits, with an apostrophe or "*" inside a word kept ("don't", "f*ck", "f***").</summary>
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
            while (i < text.Length && (char.IsLetterOrDigit(text[i]) || ContinuesWord(text, start, i)))
            {
                run = text[i] == text[i - 1] ? run + 1 : 1;
                elongated |= run >= 3 && char.IsLetter(text[i]);
                i++;
            }

            tokens.Add(new Token(start, i, elongated));
        }

        return tokens;
    }

    /// <summary>
    /// An apostrophe or a mask inside a word continues it ("don't", "f*ck", "a**hole"); so does a
    /// mask that ends a word of one or two letters ("f***", "fu**"), but not the emphasis that closes
    /// a longer word ("**idiot**" is "idiot").
    /// </summary>
    private static bool ContinuesWord(string text, int start, int i)
    {
        if (text[i] == '\'')
        {
            return i + 1 < text.Length && char.IsLetter(text[i + 1]);
        }

        if (text[i] != '*')
        {
            return false;
        }

        var end = i;
        while (end < text.Length && text[end] == '*')
        {
            end++;
        }

        var letters = 0;
        for (var j = start; j < i; j++)
        {
            letters += char.IsLetter(text[j]) ? 1 : 0;
        }

        return (end < text.Length && char.IsLetter(text[end])) || letters <= 2;
    }

    private static string Squeeze(string word)
    {
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
