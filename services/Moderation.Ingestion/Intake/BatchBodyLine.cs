namespace Moderation.Ingestion.Intake;

/// <summary>
/// One line of an NDJSON batch as <see cref="NdjsonBatchReader"/> read it: its bytes, or why it was
/// not read (<see cref="Refusal"/>). <see cref="Number"/> counts from 1, blank lines included.
/// </summary>
public sealed record BatchBodyLine(int Number, byte[] Bytes, RefusedSubmission? Refusal)
{
    public static BatchBodyLine Refused(int number, string field, string message) => new(number, [], RefusedSubmission.Invalid(field, message));
}
