using System.Text;
using System.Text.Json;
using Moderation.Contracts;
using Moderation.ServiceDefaults;

namespace Moderation.Classification.Endpoints;

/// <summary>Reads an NDJSON body line by line into requests, naming a bad line as <c>line[n].field</c>.</summary>
public static class NdjsonLines
{
    public static async Task<(List<T> Items, RequestValidation Validation)> ReadAsync<T>(HttpRequest http, int maxLines, Action<string, T, RequestValidation> validate)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(validate);
        var validation = new RequestValidation();
        var items = new List<T>();
        using var reader = new StreamReader(http.Body, Encoding.UTF8);
        var number = 0;
        while (await reader.ReadLineAsync(http.HttpContext.RequestAborted) is { } line)
        {
            number++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            if (items.Count == maxLines)
            {
                validation.Add("body", $"has more than {maxLines} lines; the limit is {maxLines}.");
                break;
            }

            var prefix = $"line[{number}].";
            try
            {
                var item = JsonSerializer.Deserialize<T>(line, ModerationJson.Options);
                if (item is null)
                {
                    validation.Add($"line[{number}]", "is not a JSON object.");
                    continue;
                }

                validate(prefix, item, validation);
                items.Add(item);
            }
            catch (JsonException ex)
            {
                validation.Add(ex.Path is { Length: > 2 } path ? prefix + path[2..] : $"line[{number}]", "is not valid JSON here.");
            }
        }

        if (number == 0 || (items.Count == 0 && validation.IsValid))
        {
            validation.Add("body", "has no lines.");
        }

        return (items, validation);
    }
}
