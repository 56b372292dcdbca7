using System.Text.Json;
using System.Text;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using Moderation.Classification.Domain;
using Moderation.Client;
using Moderation.Contracts;
using Moderation.Messaging;
using Moderation.ServiceDefaults;
using Moderation.Storage;
using Moderation.WebConsole;

namespace Moderation.Classification.Endpoints;

public static class ClassifyEndpoints
{
    public const string NdjsonContentType = "application/x-ndjson";

    public static RouteGroupBuilder MapClassifyEndpoints(this IEndpointRouteBuilder routes, ClassificationOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var api = routes.MapGroup("/api/v1")
            .RequireAuthorization(Roles.Submitter)
            .WithTags("Classification")
            .WithMetadata(new RequestSizeLimitAttribute(options.MaxRequestBodyBytes));
        api.MapPost("/classify", Classify)
            .WithName("Classify")
            .ProducesValidationProblem();
        api.MapPost("/classify/batch", ClassifyBatch)
            .WithName("ClassifyBatch")
            .Produces<string>(StatusCodes.Status200OK, NdjsonContentType)
            .ProducesValidationProblem();
        return api;
    }

    /// <summary>A dry run: the verdict the pipeline would give, with nothing stored or published.</summary>
    private static async Task<IResult> Classify(ClassifyRequest request, ClassificationEngine engine, IOptions<ClassificationOptions> options)
    {
        var validation = Validate(new RequestValidation(), string.Empty, request, options.Value);
        return validation.IsValid ? Results.Ok(await engine.ClassifyAsync(ToInput(request))) : validation.Problem();
    }

    /// <summary>Dry runs of many texts; every line is checked before any is classified, and a bad line names itself.</summary>
    private static async Task<IResult> ClassifyBatch(HttpRequest http, ClassificationEngine engine, IOptions<ClassificationOptions> options)
    {
        var (requests, validation) = await NdjsonLines.ReadAsync<ClassifyRequest>(http, options.Value.MaxBatchLines,
            (line, request, v) => Validate(v, line, request, options.Value));
        if (!validation.IsValid)
        {
            return validation.Problem();
        }

        var output = new StringBuilder();
        foreach (var result in await engine.ClassifyManyAsync(requests.Select(ToInput).ToList()))
        {
            output.Append(JsonSerializer.Serialize(result, ModerationJson.Options)).Append('\n');
        }

        return Results.Text(output.ToString(), NdjsonContentType, Encoding.UTF8);
    }

    private static ClassificationInput ToInput(ClassifyRequest request) =>
        new(request.Kind!.Value, request.Source, [new ContentField("body", request.Text!)]);

    private static RequestValidation Validate(RequestValidation validation, string prefix, ClassifyRequest request, ClassificationOptions options)
    {
        validation
            .Text(prefix + "text", request.Text, options.MaxTextLength, required: true)
            .Text(prefix + "source", request.Source, options.MaxSourceLength, required: false);
        if (request.Kind is null)
        {
            validation.Add(prefix + "kind", "is required: article or comment.");
        }

        return validation;
    }
}

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
