using System.Collections.Concurrent;

namespace Moderation.Classification.Domain;

/// <summary>
/// How often the same text came from the same source: the "repeated text" spam signal. Kept per
/// process and bounded; dry runs do not count, only submissions do.
/// </summary>
public sealed class RecentTexts
{
    private const int Capacity = 100_000;
    private readonly ConcurrentDictionary<(string Source, int Hash, int Length), int> _seen = new();

    /// <summary>Counts this text and says how many times it was seen before.</summary>
    public int CountAndGetPrevious(string source, string text)
    {
        if (_seen.Count >= Capacity)
        {
            _seen.Clear();
        }

        return _seen.AddOrUpdate((source, string.GetHashCode(text, StringComparison.Ordinal), text.Length), 1, (_, count) => count + 1) - 1;
    }
}
