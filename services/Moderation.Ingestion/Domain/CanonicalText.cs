using System.Globalization;
using System.Text;

namespace Moderation.Ingestion.Domain;

/// <summary>
/// The one normal form stored and classified: Unicode NFKC, unified line breaks, and no control
/// characters other than line breaks and tabs, so that two spellings of one text compare equal.
/// </summary>
public static class CanonicalText
{
    public static string Normalize(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var composed = text.Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n').Normalize(NormalizationForm.FormKC);
        var builder = new StringBuilder(composed.Length);
        foreach (var c in composed)
        {
            var category = CharUnicodeInfo.GetUnicodeCategory(c);
            if (c is '\n' or '\t' || category != UnicodeCategory.Control)
            {
                builder.Append(c);
            }
        }

        return builder.ToString().Trim();
    }

    /// <summary>Normalises an optional single-line field; blank becomes null.</summary>
    public static string? NormalizeOptional(string? text)
    {
        if (text is null)
        {
            return null;
        }

        var normalized = Normalize(text);
        return normalized.Length == 0 ? null : normalized;
    }
}
