using System.Collections.Frozen;
using System.Globalization;
using System.Text;
using Moderation.Classification.Embeddings;

namespace Moderation.Classification.Domain;

/// <summary>
/// Undoes the usual ways of hiding a word from a filter: case, Unicode compatibility forms
/// (fullwidth, mathematical letters, ligatures), accents, zero-width and joiner characters,
/// look-alike letters from Cyrillic and Greek, leetspeak inside words, and single letters
/// spelled out with separators ("k.i.l.l", "k i l l", and "F U C K Y O U", where the word breaks
/// are spaced like the letters and are read back from the encoder's vocabulary). Letters repeated for emphasis are left
/// here: only the policy's vocabulary can tell "kiiilll" is "kill" (see <see cref="RuleMatcher"/>).
/// </summary>
public static class EvasionFolding
{
    private static readonly FrozenDictionary<char, char> LookAlikes = new Dictionary<char, char>
    {
        // Cyrillic
        ['а'] = 'a', ['в'] = 'b', ['е'] = 'e', ['ё'] = 'e', ['к'] = 'k', ['м'] = 'm', ['н'] = 'h', ['о'] = 'o', ['р'] = 'p',
        ['с'] = 'c', ['т'] = 't', ['у'] = 'y', ['х'] = 'x', ['і'] = 'i', ['ї'] = 'i', ['ј'] = 'j', ['ѕ'] = 's', ['ԁ'] = 'd',
        ['ԛ'] = 'q', ['ԝ'] = 'w', ['һ'] = 'h', ['ӏ'] = 'l', ['ɡ'] = 'g', ['ɩ'] = 'i',
        // Greek
        ['α'] = 'a', ['β'] = 'b', ['γ'] = 'y', ['ε'] = 'e', ['η'] = 'n', ['ι'] = 'i', ['κ'] = 'k', ['ν'] = 'v', ['ο'] = 'o',
        ['ρ'] = 'p', ['τ'] = 't', ['υ'] = 'u', ['χ'] = 'x', ['ω'] = 'w', ['ς'] = 's', ['σ'] = 'o', ['μ'] = 'u',
        // Latin letters with a hook
        ['ƒ'] = 'f',
        // Armenian
        ['ս'] = 'u', ['օ'] = 'o', ['ո'] = 'n', ['հ'] = 'h', ['ց'] = 'g',
        // Punctuation that only differs in shape
        ['\u2018'] = '\'', ['\u2019'] = '\'', ['\u02BC'] = '\'', ['\u201C'] = '"', ['\u201D'] = '"', ['\u00AB'] = '"', ['\u00BB'] = '"',
        ['\u2010'] = '-', ['\u2011'] = '-', ['\u2012'] = '-', ['\u2013'] = '-', ['\u2014'] = '-',
    }.ToFrozenDictionary();

    /// <summary>Digits and symbols that stand for letters when they sit inside a word.</summary>
    private static readonly FrozenDictionary<char, char> Leet = new Dictionary<char, char>
    {
        ['0'] = 'o', ['1'] = 'i', ['3'] = 'e', ['4'] = 'a', ['5'] = 's', ['7'] = 't', ['8'] = 'b', ['9'] = 'g',
        ['@'] = 'a', ['$'] = 's', ['!'] = 'i', ['|'] = 'l',
    }.ToFrozenDictionary();

    private const string LetterSeparators = ".-_ */,~+";

    public static FoldedText Fold(string original)
    {
        ArgumentNullException.ThrowIfNull(original);
        var buffer = new StringBuilder(original.Length);
        var starts = new List<int>(original.Length);
        var ends = new List<int>(original.Length);
        FoldCharacters(original, buffer, starts, ends);
        ReadGrawlixAsMasks(buffer);
        ReadLeetspeak(buffer);
        var keep = JoinSpelledOutLetters(buffer);
        if (keep is null)
        {
            return new FoldedText(buffer.ToString(), [.. starts], [.. ends]);
        }

        var text = new StringBuilder(buffer.Length);
        var keptStarts = new List<int>(buffer.Length);
        var keptEnds = new List<int>(buffer.Length);
        for (var i = 0; i < buffer.Length; i++)
        {
            if (keep[i])
            {
                text.Append(buffer[i]);
                keptStarts.Add(starts[i]);
                keptEnds.Add(ends[i]);
            }
        }

        return new FoldedText(text.ToString(), [.. keptStarts], [.. keptEnds]);
    }

    /// <summary>
    /// The text as a reader of meaning (the sentence encoder) should see it: evasions undone where
    /// they can be nothing else, more sparingly than <see cref="Fold"/>. Look-alike letters are read
    /// as Latin only in words that also hold Latin letters, so a Russian or Greek word stays itself;
    /// digits and symbols only between letters ("wh0re", "sh!thead", "id10t"), so "3am", "mp3",
    /// "@user" and "$5" keep their meaning. The encoder is uncased: case goes here too.
    /// </summary>
    public static string ForReading(string original)
    {
        ArgumentNullException.ThrowIfNull(original);
        var buffer = new StringBuilder(original.Length);
        foreach (var rune in original.EnumerateRunes())
        {
            buffer.Append(rune.Value < 0x80 ? char.ToLowerInvariant((char)rune.Value).ToString() : Fold(rune, lookAlikes: false));
        }

        ReadLookAlikesInLatinWords(buffer);
        ReadLeetBetweenLetters(buffer);
        ReadLeetWords(buffer);
        var keep = JoinSpelledOutLetters(buffer);
        if (keep is null)
        {
            return buffer.ToString();
        }

        var text = new StringBuilder(buffer.Length);
        for (var i = 0; i < buffer.Length; i++)
        {
            if (keep[i])
            {
                text.Append(buffer[i]);
            }
        }

        return text.ToString();
    }

    private static void ReadLookAlikesInLatinWords(StringBuilder buffer)
    {
        foreach (var (start, end) in Runs(buffer, char.IsLetter))
        {
            var latin = false;
            for (var j = start; j < end; j++)
            {
                latin |= char.IsAsciiLetter(buffer[j]);
            }

            for (var j = start; latin && j < end; j++)
            {
                if (LookAlikes.TryGetValue(buffer[j], out var letter))
                {
                    buffer[j] = letter;
                }
            }
        }
    }

    /// <summary>A run of digits and symbols with a letter on each side reads as the letters it imitates.</summary>
    private static void ReadLeetBetweenLetters(StringBuilder buffer)
    {
        foreach (var (start, end) in Runs(buffer, Leet.ContainsKey))
        {
            if (start > 0 && char.IsLetter(buffer[start - 1]) && end < buffer.Length && char.IsLetter(buffer[end]))
            {
                for (var j = start; j < end; j++)
                {
                    buffer[j] = Leet[buffer[j]];
                }
            }
        }
    }

    /// <summary>
    /// A word that starts or ends with digits or symbols reads as the letters they imitate when that
    /// gives a common word of four letters or more ("5hit", "$hit"), so "3am", "4ever" and "@user" stay.
    /// </summary>
    private static void ReadLeetWords(StringBuilder buffer)
    {
        Span<char> word = stackalloc char[MaxSpelledOutLetters];
        foreach (var (start, end) in Runs(buffer, c => char.IsAsciiLetter(c) || Leet.ContainsKey(c)))
        {
            if (end - start < 4 || end - start > MaxSpelledOutLetters)
            {
                continue;
            }

            var read = word[..(end - start)];
            var letters = 0;
            for (var j = start; j < end; j++)
            {
                read[j - start] = Leet.TryGetValue(buffer[j], out var letter) ? letter : buffer[j];
                letters += char.IsAsciiLetter(buffer[j]) ? 1 : 0;
            }

            if (letters >= 2 && letters < end - start && CommonWordRank(read) is not null)
            {
                for (var j = start; j < end; j++)
                {
                    buffer[j] = read[j - start];
                }
            }
        }
    }

    /// <summary>The maximal runs of characters that are members, as [start, end); the buffer may change inside a run, not its length.</summary>
    private static IEnumerable<(int Start, int End)> Runs(StringBuilder buffer, Func<char, bool> member)
    {
        var i = 0;
        while (i < buffer.Length)
        {
            if (!member(buffer[i]))
            {
                i++;
                continue;
            }

            var end = i;
            while (end < buffer.Length && member(buffer[end]))
            {
                end++;
            }

            yield return (i, end);
            i = end;
        }
    }

    private static void FoldCharacters(string original, StringBuilder buffer, List<int> starts, List<int> ends)
    {
        var i = 0;
        while (i < original.Length)
        {
            var c = original[i];
            if (c < 0x80)
            {
                buffer.Append(char.ToLowerInvariant(c));
                starts.Add(i);
                ends.Add(i + 1);
                i++;
                continue;
            }

            Rune.DecodeFromUtf16(original.AsSpan(i), out var rune, out var consumed);
            foreach (var folded in Fold(rune, lookAlikes: true))
            {
                buffer.Append(folded);
                starts.Add(i);
                ends.Add(i + consumed);
            }

            i += consumed;
        }
    }

    /// <summary>One character's folded form: nothing for invisible characters and accents, else lower case, and Latin where a look-alike exists if asked.</summary>
    private static string Fold(Rune rune, bool lookAlikes)
    {
        var category = Rune.GetUnicodeCategory(rune);
        if (category is UnicodeCategory.Format or UnicodeCategory.NonSpacingMark or UnicodeCategory.EnclosingMark || rune.Value == 0x00AD)
        {
            return string.Empty;
        }

        var decomposed = rune.ToString().Normalize(NormalizationForm.FormKD);
        var folded = new StringBuilder(decomposed.Length);
        foreach (var c in decomposed)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) is UnicodeCategory.NonSpacingMark or UnicodeCategory.Format)
            {
                continue;
            }

            var lower = char.ToLowerInvariant(c);
            folded.Append(lookAlikes && LookAlikes.TryGetValue(lower, out var latin) ? latin : lower);
        }

        return folded.ToString();
    }

    /// <summary>
    /// The text with "#" and "%" between two letters read as the mask "*" they stand for ("f#ck",
    /// "b%tch", "motherf#cker"), so the rules and the models unmask them as they do "f*ck"; a hashtag,
    /// "C#" and "50%" stay as they are, and so do hashtags written together ("#BuildTheWall#news":
    /// a mask hides a letter or two, not a word of five letters or more).
    /// </summary>
    public static string MaskGrawlix(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.AsSpan().IndexOfAny('#', '%') < 0)
        {
            return text;
        }

        var buffer = new StringBuilder(text);
        ReadGrawlixAsMasks(buffer);
        return buffer.ToString();
    }

    private static void ReadGrawlixAsMasks(StringBuilder buffer)
    {
        for (var i = 1; i < buffer.Length - 1; i++)
        {
            if (buffer[i] is '#' or '%' && char.IsLetter(buffer[i - 1]) && char.IsLetter(buffer[i + 1]) && LettersFrom(buffer, i + 1) <= 4)
            {
                buffer[i] = '*';
            }
        }

        static int LettersFrom(StringBuilder buffer, int start)
        {
            var end = start;
            while (end < buffer.Length && char.IsLetter(buffer[end]))
            {
                end++;
            }

            return end - start;
        }
    }

    /// <summary>A digit or symbol next to a letter reads as the letter it imitates ("k1ll", "h4te", "$hit"); "!" and "|" only between letters.</summary>
    private static void ReadLeetspeak(StringBuilder buffer)
    {
        for (var i = 0; i < buffer.Length; i++)
        {
            if (!Leet.TryGetValue(buffer[i], out var letter))
            {
                continue;
            }

            var before = NearestNonLeet(buffer, i, -1);
            var after = NearestNonLeet(buffer, i, +1);
            var inWord = buffer[i] is '!' or '|' ? before && after : before || after;
            if (inWord && !IsNumber(buffer, i))
            {
                buffer[i] = letter;
            }
        }
    }

    /// <summary>Whether the nearest character in a direction, skipping leet symbols, is a letter.</summary>
    private static bool NearestNonLeet(StringBuilder buffer, int i, int step)
    {
        for (var j = i + step; j >= 0 && j < buffer.Length; j += step)
        {
            if (char.IsLetter(buffer[j]))
            {
                return true;
            }

            if (!Leet.ContainsKey(buffer[j]) || buffer[j] is '!' or '|')
            {
                return false;
            }
        }

        return false;
    }

    /// <summary>
    /// "$500" and "24/7" stay numbers: a run of two or more digits is leetspeak only with a letter on
    /// each side ("id10t").
    /// </summary>
    private static bool IsNumber(StringBuilder buffer, int i)
    {
        if (buffer[i] == '$')
        {
            return i + 1 < buffer.Length && char.IsAsciiDigit(buffer[i + 1]);
        }

        if (!char.IsAsciiDigit(buffer[i]))
        {
            return false;
        }

        var (start, end) = (i, i + 1);
        while (start > 0 && char.IsAsciiDigit(buffer[start - 1]))
        {
            start--;
        }

        while (end < buffer.Length && char.IsAsciiDigit(buffer[end]))
        {
            end++;
        }

        var betweenLetters = start > 0 && char.IsLetter(buffer[start - 1]) && end < buffer.Length && char.IsLetter(buffer[end]);
        return end - start >= 2 && !betweenLetters;
    }

    /// <summary>
    /// Marks the separators between three or more single letters spelled out with one repeated
    /// separator ("k.i.l.l", "k i l l", "k-i-l-l") for removal; null when there are none.
    /// </summary>
    private static bool[]? JoinSpelledOutLetters(StringBuilder buffer)
    {
        bool[]? keep = null;
        Span<char> spelledOut = stackalloc char[MaxSpelledOutLetters + 1];
        var i = 0;
        while (i < buffer.Length)
        {
            if (!IsSingleLetter(buffer, i) || i + 2 >= buffer.Length || !LetterSeparators.Contains(buffer[i + 1], StringComparison.Ordinal))
            {
                i++;
                continue;
            }

            var separator = buffer[i + 1];
            var letters = 1;
            var end = i;
            while (end + 2 < buffer.Length && buffer[end + 1] == separator && IsSingleLetter(buffer, end + 2, separator))
            {
                end += 2;
                letters++;
            }

            if (letters < 3)
            {
                // "a b.i.t.c.h": the space after "a" is not the separator of the letters that follow.
                i++;
                continue;
            }

            keep ??= Enumerable.Repeat(true, buffer.Length).ToArray();
            var joined = spelledOut[..Math.Min(letters, spelledOut.Length)];
            for (var k = 0; k < joined.Length; k++)
            {
                joined[k] = buffer[i + (2 * k)];
            }

            var wordEnds = SpelledOutWordEnds(joined);
            for (var j = i + 1; j < end; j += 2)
            {
                var letter = (j - i - 1) / 2;
                if (wordEnds is not null && wordEnds.Contains(letter))
                {
                    buffer[j] = ' ';
                }
                else
                {
                    keep[j] = false;
                }
            }

            i = end + 1;
        }

        return keep;
    }

    private const int MaxSpelledOutLetters = 48;

    /// <summary>The rank below which a word of the encoder's vocabulary counts as common.</summary>
    private const int CommonRank = 20_000;

    /// <summary>Words under three letters a spelled-out run may break into; other short entries of the vocabulary ("ie", "ck", "gg") are word pieces more often than words.</summary>
    private static readonly FrozenSet<string> ShortWords = FrozenSet.ToFrozenSet(
        ["a", "i", "u", "am", "an", "as", "at", "be", "by", "do", "go", "he", "if", "in", "is", "it", "me", "my", "no", "of", "oh", "ok", "on", "or", "so", "to", "up", "us", "we"],
        StringComparer.Ordinal);

    /// <summary>
    /// The words that show a spelled-out run held a phrase: the person or thing it is aimed at and
    /// the particles that close an insult ("fuck you", "shut up", "go die"). A run that reads as
    /// common words without one is kept whole: "wetback" or "shemale" are not "wet back" and "she male".
    /// </summary>
    private static readonly FrozenSet<string> PhraseWords = FrozenSet.ToFrozenSet(
        ["you", "your", "yours", "yourself", "yourselves", "u", "ur", "me", "him", "them", "it", "this", "that", "all", "up", "off", "out", "go"],
        StringComparer.Ordinal);

    private static int? CommonWordRank(ReadOnlySpan<char> word) =>
        KnownWords.EncoderRank(word) is { } rank && rank <= CommonRank ? rank : null;

    /// <summary>
    /// Where the words end in a run of spelled-out letters that is no word itself, when every letter
    /// was spaced alike, word breaks included ("fuckyou", "godie"): the letter indices that close a
    /// word, the last excepted, of the most probable reading as common words (each costs the
    /// logarithm of its frequency rank, so "go die" wins over "god ie"), when one of them is a
    /// <see cref="PhraseWords">phrase word</see>. Null when the run is a word, or reads as no such
    /// sequence ("kys", "nigger", "therapist" and "wetback" stay whole).
    /// </summary>
    private static HashSet<int>? SpelledOutWordEnds(ReadOnlySpan<char> letters)
    {
        if (letters.Length < 4 || letters.Length > MaxSpelledOutLetters || KnownWords.EncoderRank(letters) is not null)
        {
            return null;
        }

        var cost = new double[letters.Length + 1];
        var from = new int[letters.Length + 1];
        Array.Fill(cost, double.PositiveInfinity);
        cost[0] = 0;
        for (var end = 1; end <= letters.Length; end++)
        {
            for (var start = 0; start < end; start++)
            {
                var word = letters[start..end];
                if (double.IsFinite(cost[start]) && (word.Length >= 3 || ShortWords.GetAlternateLookup<ReadOnlySpan<char>>().Contains(word))
                    && CommonWordRank(word) is { } rank && cost[start] + Math.Log(rank) < cost[end])
                {
                    cost[end] = cost[start] + Math.Log(rank);
                    from[end] = start;
                }
            }
        }

        if (!double.IsFinite(cost[letters.Length]))
        {
            return null;
        }

        var ends = new HashSet<int>();
        var phrase = false;
        for (var end = letters.Length; end > 0; end = from[end])
        {
            phrase |= PhraseWords.GetAlternateLookup<ReadOnlySpan<char>>().Contains(letters[from[end]..end]);
            if (from[end] > 0)
            {
                ends.Add(from[end] - 1);
            }
        }

        return phrase ? ends : null;
    }

    private static bool IsSingleLetter(StringBuilder buffer, int i, char separator = '\0') =>
        char.IsLetter(buffer[i])
        && (i == 0 || !char.IsLetterOrDigit(buffer[i - 1]) || buffer[i - 1] == separator)
        && (i + 1 == buffer.Length || !char.IsLetterOrDigit(buffer[i + 1]));
}
