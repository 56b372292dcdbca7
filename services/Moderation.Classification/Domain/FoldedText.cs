using System.Text;

namespace Moderation.Classification.Domain;

/// <summary>
/// A text folded for matching, with the original offsets of every character: rules match the
/// folded text, evidence spans are reported in the text the user submitted.
/// </summary>
public sealed class FoldedText
{
    private readonly int[] _starts;
    private readonly int[] _ends;

    internal FoldedText(string text, int[] starts, int[] ends)
    {
        Text = text;
        _starts = starts;
        _ends = ends;
    }

    public string Text { get; }

    /// <summary>
    /// The same text with some folded spans replaced by other words; each replacement maps to the
    /// whole original span of what it replaced. Replacements are in order and do not overlap.
    /// </summary>
    public FoldedText Replace(IReadOnlyList<(int Start, int End, string With)> replacements)
    {
        ArgumentNullException.ThrowIfNull(replacements);
        var text = new StringBuilder(Text.Length);
        var starts = new List<int>(_starts.Length);
        var ends = new List<int>(_ends.Length);
        var next = 0;
        foreach (var (start, end, with) in replacements)
        {
            for (var i = next; i < start; i++)
            {
                text.Append(Text[i]);
                starts.Add(_starts[i]);
                ends.Add(_ends[i]);
            }

            foreach (var c in with)
            {
                text.Append(c);
                starts.Add(_starts[start]);
                ends.Add(_ends[end - 1]);
            }

            next = end;
        }

        for (var i = next; i < Text.Length; i++)
        {
            text.Append(Text[i]);
            starts.Add(_starts[i]);
            ends.Add(_ends[i]);
        }

        return new FoldedText(text.ToString(), [.. starts], [.. ends]);
    }

    /// <summary>The span of the original text that produced folded characters [start, end).</summary>
    public (int Start, int End) ToOriginal(int start, int end) => (_starts[start], _ends[end - 1]);
}
