using System.Text;
using Moderation.Ingestion.Domain;

namespace Moderation.Ingestion.Intake;

/// <summary>Cuts the stored submissions of a batch, in order, into the runs that each travel as one <c>BatchSubmitted</c>.</summary>
public static class BatchMessageRuns
{
    /// <summary>What one item adds to a message besides its texts: field names, ids and a timestamp.</summary>
    public const int ItemOverheadBytes = 320;

    public static IEnumerable<IReadOnlyList<SubmissionRecord>> Cut(IEnumerable<SubmissionRecord> records, int maxItems, long maxBytes)
    {
        ArgumentNullException.ThrowIfNull(records);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxItems, 1);
        var run = new List<SubmissionRecord>();
        long runBytes = 0;
        foreach (var record in records)
        {
            var bytes = MessageBytes(record);
            if (run.Count > 0 && (run.Count == maxItems || runBytes + bytes > maxBytes))
            {
                yield return run;
                run = [];
                runBytes = 0;
            }

            run.Add(record);
            runBytes += bytes;
        }

        if (run.Count > 0)
        {
            yield return run;
        }
    }

    /// <summary>
    /// About what the submission weighs in a message. A comment's event carries its article's title
    /// in <see cref="SubmissionRecord.Title"/> too, so both kinds count the same texts.
    /// </summary>
    public static long MessageBytes(SubmissionRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        return ItemOverheadBytes
            + Utf8(record.Source) + Utf8(record.Title) + Utf8(record.Body)
            + Utf8(record.Url) + Utf8(record.Author) + Utf8(record.ExternalId) + Utf8(record.Language);
    }

    private static int Utf8(string? text) => text is null ? 0 : Encoding.UTF8.GetByteCount(text);
}
