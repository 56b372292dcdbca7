using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using Moderation.Classification.Domain;
using Moderation.Client;
using Moderation.ServiceDefaults;

namespace Moderation.Classification.Endpoints;

public static class ClassifyEndpoints
{
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
        return api;
    }

    /// <summary>A dry run: the verdict the pipeline would give, with nothing stored or published.</summary>
    private static IResult Classify(ClassifyRequest request, KeywordClassifier classifier, IOptions<ClassificationOptions> options)
    {
        var validation = new RequestValidation()
            .Text("text", request.Text, options.Value.MaxTextLength, required: true)
            .Text("source", request.Source, options.Value.MaxSourceLength, required: false);
        if (request.Kind is null)
        {
            validation.Add("kind", "is required: article or comment.");
        }

        if (!validation.IsValid)
        {
            return validation.Problem();
        }

        return Results.Ok(classifier.Classify(request.Kind!.Value, [new ContentField("body", request.Text!)]));
    }
}
