using Moderation.Classification.Domain;
using Moderation.Classification.Embeddings;
using Moderation.Contracts;

namespace Moderation.Classification.Learning;

/// <summary>
/// The model's features: word 1- and 2-grams and character 3-grams (within words, with word
/// boundaries) of the folded text, plus the content kind, hashed into a fixed number of buckets,
/// weighted by sublinear term frequency (1 + ln count) times the bucket's inverse document
/// frequency when one is given, and L2-normalised. Hashing, not a learned vocabulary, keeps
/// prediction to one pass over the text with no allocation per n-gram, and lets a model be stored
/// as its weights alone (docs/decisions/0007-hashed-ngrams.md).
/// </summary>
public static class HashedNgrams
{
    public const int Bits = 17;
    public const int Dimension = 1 << Bits;
    private const uint Mask = Dimension - 1;

    [ThreadStatic]
    private static float[]? t_counts;

    [ThreadStatic]
    private static List<int>? t_touched;

    /// <summary>
    /// The sparse feature vector of a folded text (<see cref="EvasionFolding"/>): bucket indices in
    /// ascending order and their weights. With <paramref name="known"/>, only the words it holds are
    /// read, as if the others were not there (what the cascade's screens read).
    /// </summary>
    public static (int[] Indices, float[] Values) Featurize(ContentKind kind, string folded, float[]? idf = null, KnownWords? known = null)
    {
        ArgumentNullException.ThrowIfNull(folded);
        var counts = t_counts ??= new float[Dimension];
        var touched = t_touched ??= new List<int>(512);
        touched.Clear();
        Add(counts, touched, kind == ContentKind.Article ? 0x9E3779B9u : 0x7F4A7C15u);
        var previous = 0u;
        foreach (var token in RuleMatcher.Tokenize(folded))
        {
            var word = folded.AsSpan(token.Start, token.End - token.Start);
            if (known is not null && !known.Contains(word))
            {
                continue;
            }

            var hash = Hash(word, 0x811C9DC5u);
            Add(counts, touched, hash);
            if (previous != 0)
            {
                Add(counts, touched, (previous * 0x01000193u) ^ hash ^ 0x5BD1E995u);
            }

            previous = hash;
            AddCharacterTrigrams(counts, touched, word);
        }

        touched.Sort();
        var indices = touched.ToArray();
        var values = new float[indices.Length];
        var norm = 0.0;
        for (var i = 0; i < indices.Length; i++)
        {
            values[i] = (1 + MathF.Log(counts[indices[i]])) * (idf is null ? 1 : idf[indices[i]]);
            norm += values[i] * values[i];
            counts[indices[i]] = 0;
        }

        var scale = norm == 0 ? 0 : (float)(1 / Math.Sqrt(norm));
        for (var i = 0; i < values.Length; i++)
        {
            values[i] *= scale;
        }

        return (indices, values);
    }

    /// <summary>Trigrams of "&lt;word&gt;", so "kill" gives "&lt;ki", "kil", "ill", "ll&gt;".</summary>
    private static void AddCharacterTrigrams(float[] counts, List<int> touched, ReadOnlySpan<char> word)
    {
        var length = word.Length + 2;
        for (var i = 0; i + 3 <= length; i++)
        {
            var hash = 0xC2B2AE35u;
            for (var k = i; k < i + 3; k++)
            {
                var c = k == 0 ? '<' : k == length - 1 ? '>' : word[k - 1];
                hash = (hash ^ c) * 0x01000193u;
            }

            Add(counts, touched, hash);
        }
    }

    private static uint Hash(ReadOnlySpan<char> word, uint seed)
    {
        var hash = seed;
        foreach (var c in word)
        {
            hash = (hash ^ c) * 0x01000193u;
        }

        return hash;
    }

    /// <summary>Inverse document frequency per bucket over a set of texts' features: ln((n + 1) / (df + 1)) + 1.</summary>
    public static float[] InverseDocumentFrequencies(IReadOnlyList<int[]> documents)
    {
        ArgumentNullException.ThrowIfNull(documents);
        var frequencies = new int[Dimension];
        foreach (var indices in documents)
        {
            foreach (var index in indices)
            {
                frequencies[index]++;
            }
        }

        var idf = new float[Dimension];
        for (var i = 0; i < Dimension; i++)
        {
            idf[i] = (float)(Math.Log((documents.Count + 1.0) / (frequencies[i] + 1.0)) + 1);
        }

        return idf;
    }

    private static void Add(float[] counts, List<int> touched, uint hash)
    {
        var index = (int)((hash ^ (hash >> Bits)) & Mask);
        if (counts[index] == 0)
        {
            touched.Add(index);
        }

        counts[index] += 1;
    }
}
