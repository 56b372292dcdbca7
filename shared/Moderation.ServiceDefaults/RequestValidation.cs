using Microsoft.AspNetCore.Http;

namespace Moderation.ServiceDefaults;

/// <summary>Collects what is wrong with a request, field by field, into one 400 problem.</summary>
public sealed class RequestValidation
{
    private readonly Dictionary<string, List<string>> _errors = new(StringComparer.Ordinal);

    public bool IsValid => _errors.Count == 0;

    public RequestValidation Add(string field, string message)
    {
        if (!_errors.TryGetValue(field, out var messages))
        {
            _errors[field] = messages = [];
        }

        messages.Add(message);
        return this;
    }

    /// <summary>Checks a text field: present when required, and no longer than its limit.</summary>
    public RequestValidation Text(string field, string? value, int maxLength, bool required)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            if (required)
            {
                Add(field, "is required.");
            }
        }
        else if (value.Length > maxLength)
        {
            Add(field, $"is {value.Length} characters long; the limit is {maxLength}.");
        }

        return this;
    }

    public IReadOnlyDictionary<string, string[]> Errors => _errors.ToDictionary(e => e.Key, e => e.Value.ToArray());

    public IResult Problem() => Results.ValidationProblem(Errors, title: "The request is not valid.");
}
