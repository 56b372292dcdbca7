namespace Moderation.Ingestion.Intake;

/// <summary>Refused, with the status to answer and what is wrong, field by field.</summary>
public sealed record RefusedSubmission(int StatusCode, string Title, IReadOnlyDictionary<string, string[]> Errors) : IntakeOutcome
{
    public const string InvalidTitle = "The request is not valid.";

    /// <summary>A 400 naming one field and what is wrong with it.</summary>
    public static RefusedSubmission Invalid(string field, string message) =>
        new(StatusCodes.Status400BadRequest, InvalidTitle, new Dictionary<string, string[]> { [field] = [message] });

    /// <summary>A 404: the field names something that was never submitted.</summary>
    public static RefusedSubmission NotFound(string title, string field, string message) =>
        new(StatusCodes.Status404NotFound, title, new Dictionary<string, string[]> { [field] = [message] });

    public string Describe() => string.Join("; ", Errors.Select(e => $"{e.Key}: {string.Join(" ", e.Value)}"));
}
