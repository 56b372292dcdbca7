using System.Buffers;
using System.IO.Pipelines;
using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Text.Unicode;

namespace Moderation.Ingestion.Intake;

/// <summary>
/// Reads an NDJSON batch from the request's pipe line by line, never whole, and hashes what it reads
/// so that a retry under an Idempotency-Key is recognised by its bytes. At most
/// <paramref name="maxBytes"/> bytes and <paramref name="maxLines"/> non-blank lines are acted on: the
/// first line past either limit is refused naming it, and nothing after it is. Lines past the line
/// limit are still hashed (up to the byte limit), so a retry is recognised by the whole body.
/// </summary>
public sealed class NdjsonBatchReader(PipeReader body, long maxBytes, int maxLines, long maxLineBytes) : IDisposable
{
    private readonly IncrementalHash _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);

    /// <summary>The batch's lines with the limits applied; blank lines are skipped but counted.</summary>
    public IAsyncEnumerable<BatchBodyLine> ReadLinesAsync(CancellationToken cancellationToken) => ReadAsync(actOnLines: true, cancellationToken);

    /// <summary>Reads the whole body without acting on it and returns its hash, for a retry under an Idempotency-Key.</summary>
    public async Task<string> HashAsync(CancellationToken cancellationToken)
    {
        await foreach (var _ in ReadAsync(actOnLines: false, cancellationToken))
        {
        }

        return BodyHash();
    }

    /// <summary>SHA-256 hex of what was read, as <see cref="HashAsync"/> gives it for the same body.</summary>
    public string BodyHash() => Convert.ToHexStringLower(_hash.GetHashAndReset());

    public void Dispose() => _hash.Dispose();

    private async IAsyncEnumerable<BatchBodyLine> ReadAsync(bool actOnLines, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var number = 0;
        var taken = 0;
        long bytesRead = 0;
        var overlong = false;
        while (true)
        {
            var read = await body.ReadAsync(cancellationToken);
            var buffer = read.Buffer;
            var lines = new List<BatchBodyLine>();
            var overByteLimit = false;
            while (!overByteLimit && TakeLine(ref buffer, read.IsCompleted, out var line))
            {
                bytesRead += line.Length + 1;
                Hash(line);
                _hash.AppendData("\n"u8);
                number++;
                if (bytesRead > maxBytes + 1)
                {
                    overByteLimit = true;
                    if (actOnLines)
                    {
                        lines.Add(BatchBodyLine.Refused(number, "body", $"the batch is larger than {maxBytes} bytes; this line and those after it were not read."));
                    }
                }
                else if (!actOnLines)
                {
                    continue;
                }
                else if (overlong || line.Length > maxLineBytes)
                {
                    lines.Add(BatchBodyLine.Refused(number, "line", $"is longer than {maxLineBytes} bytes."));
                    overlong = false;
                }
                else if (!IsBlank(line))
                {
                    if (++taken > maxLines)
                    {
                        lines.Add(BatchBodyLine.Refused(number, "body", $"the batch holds more than {maxLines} lines; this line and those after it were not read."));
                        actOnLines = false;
                    }
                    else
                    {
                        var bytes = line.ToArray();
                        lines.Add(Utf8.IsValid(bytes) ? new BatchBodyLine(number, bytes, null) : BatchBodyLine.Refused(number, "line", "is not valid UTF-8."));
                    }
                }
            }

            // Only the line that is acted on is kept whole: of a line longer than any line may be,
            // or of one that is only hashed, what is buffered is hashed and dropped.
            if (!overByteLimit && !read.IsCompleted && buffer.Length > (actOnLines ? maxLineBytes : 0))
            {
                bytesRead += buffer.Length;
                Hash(buffer);
                overlong = actOnLines;
                buffer = buffer.Slice(buffer.End);
            }

            body.AdvanceTo(buffer.Start, buffer.End);
            foreach (var line in lines)
            {
                yield return line;
            }

            if (overByteLimit || (read.IsCompleted && buffer.IsEmpty))
            {
                if (overlong && !overByteLimit)
                {
                    yield return BatchBodyLine.Refused(number + 1, "line", $"is longer than {maxLineBytes} bytes.");
                }

                yield break;
            }
        }
    }

    /// <summary>Takes the next line off the buffer; at the end of the body, what is left is the last line.</summary>
    private static bool TakeLine(ref ReadOnlySequence<byte> buffer, bool completed, out ReadOnlySequence<byte> line)
    {
        if (buffer.PositionOf((byte)'\n') is { } end)
        {
            line = buffer.Slice(0, end);
            buffer = buffer.Slice(buffer.GetPosition(1, end));
            return true;
        }

        if (completed && !buffer.IsEmpty)
        {
            line = buffer;
            buffer = buffer.Slice(buffer.End);
            return true;
        }

        line = default;
        return false;
    }

    private void Hash(ReadOnlySequence<byte> bytes)
    {
        foreach (var segment in bytes)
        {
            _hash.AppendData(segment.Span);
        }
    }

    private static bool IsBlank(ReadOnlySequence<byte> line)
    {
        foreach (var segment in line)
        {
            foreach (var b in segment.Span)
            {
                if (b is not ((byte)' ' or (byte)'\t' or (byte)'\r'))
                {
                    return false;
                }
            }
        }

        return true;
    }
}
