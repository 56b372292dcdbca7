namespace Moderation.Classification.Embeddings;

/// <summary>
/// Cuts a text's word pieces into overlapping windows the encoder can read, each framed by [CLS]
/// and [SEP]. A text is scored per window and its score is the highest window's, so a long text
/// scores no higher than its worst passage, whatever its length.
/// </summary>
public static class TokenWindows
{
    /// <summary>Word pieces a text's windows can hold at most.</summary>
    public static int Capacity(int windowTokens, int overlap, int maxWindows) =>
        (windowTokens - 2) + ((maxWindows - 1) * Stride(windowTokens, overlap));

    /// <summary>The windows over <paramref name="pieces"/> (word pieces without [CLS]/[SEP]): start and length of each.</summary>
    public static List<(int Start, int Length)> Split(int pieces, int windowTokens, int overlap, int maxWindows)
    {
        var content = windowTokens - 2;
        var windows = new List<(int, int)>();
        if (pieces <= content)
        {
            windows.Add((0, pieces));
            return windows;
        }

        var stride = Stride(windowTokens, overlap);
        for (var start = 0; windows.Count < maxWindows; start += stride)
        {
            var length = Math.Min(content, pieces - start);
            windows.Add((start, length));
            if (start + length >= pieces)
            {
                break;
            }
        }

        return windows;
    }

    private static int Stride(int windowTokens, int overlap) => Math.Max(1, windowTokens - 2 - overlap);
}
