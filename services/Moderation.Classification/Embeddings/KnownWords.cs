namespace Moderation.Classification.Embeddings;

/// <summary>
/// The words the cascade's screens read: those the encoder's vocabulary holds whole, and those
/// common in the corpora the screens learned from (their slang and usual misspellings), letters
/// only. A word outside both (a user name, a code, a run tag, a number) carries no meaning a screen
/// could have learned, yet its n-grams and word pieces land on weights learned from other words:
/// a screen reads past it, so no choice of odd token moves a text across its threshold.
/// </summary>
public sealed class KnownWords
{
    private readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> _words;

    public KnownWords(IEnumerable<string> corpusWords)
    {
        ArgumentNullException.ThrowIfNull(corpusWords);
        var words = new HashSet<string>(EncoderWords.Value.Keys, StringComparer.Ordinal);
        words.UnionWith(corpusWords.Where(IsWord));
        _words = words.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    /// <summary>
    /// The encoder's whole words (the pieces that do not continue a word and are letters only), each
    /// with its id: the vocabulary lists words roughly from the most frequent down, so the id serves
    /// as a frequency rank.
    /// </summary>
    private static readonly Lazy<Dictionary<string, int>> EncoderWords = new(() =>
    {
        var words = new Dictionary<string, int>(StringComparer.Ordinal);
        using var vocabulary = EncoderModelFiles.OpenVocabulary();
        var id = 0;
        while (vocabulary.ReadLine() is { } line)
        {
            if (IsWord(line))
            {
                words.TryAdd(line, id);
            }

            id++;
        }

        return words;
    });

    public int Count => _words.Set.Count;

    /// <summary>Whether <paramref name="word"/> (lower-cased, accents stripped, as folded text is) is known.</summary>
    public bool Contains(ReadOnlySpan<char> word) => _words.Contains(word);

    /// <summary>Whether the encoder's vocabulary holds <paramref name="word"/> whole.</summary>
    public static bool IsEncoderWord(string word) => EncoderWords.Value.ContainsKey(word);

    /// <summary>The frequency rank of a whole word of the encoder's vocabulary (lower is more frequent, above 1,000), or null when it holds no such word.</summary>
    public static int? EncoderRank(ReadOnlySpan<char> word) =>
        EncoderWords.Value.GetAlternateLookup<ReadOnlySpan<char>>().TryGetValue(word, out var rank) ? rank : null;

    public static bool IsWord(string word) => word.Length > 0 && word.All(char.IsLetter);
}
