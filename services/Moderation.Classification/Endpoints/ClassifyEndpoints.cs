using System.Security.Claims;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using Moderation.Classification.Domain;
using Moderation.Client;
using Moderation.Contracts;
using Moderation.ServiceDefaults;

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

    /// <summary>A dry run: the verdict the pipeline would give the caller's publisher, with nothing stored or published.</summary>
    private static async Task<IResult> Classify(ClassifyRequest request, ClaimsPrincipal caller, ClassificationEngine engine, IOptions<ClassificationOptions> options)
    {
        var validation = Validate(new RequestValidation(), string.Empty, request, options.Value);
        return validation.IsValid ? Results.Ok((await engine.ClassifyAsync(ToInput(request, Publishers.Of(caller)))).ToResult()) : validation.Problem();
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
        var publisher = Publishers.Of(http.HttpContext.User);
        foreach (var result in await engine.ClassifyManyAsync(requests.Select(r => ToInput(r, publisher)).ToList()))
        {
            output.Append(JsonSerializer.Serialize(result.ToResult(), ModerationJson.Options)).Append('\n');
        }

        return Results.Text(output.ToString(), NdjsonContentType, Encoding.UTF8);
    }

    private static ClassificationInput ToInput(ClassifyRequest request, string? publisher) =>
        new(request.Kind!.Value, request.Source, [new ContentField("body", request.Text!)], Publisher: publisher);

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
