using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using MassTransit;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using Moderation.Classification.Learning;
using Moderation.Classification.Storage;
using Moderation.Client;
using Moderation.Contracts;
using Moderation.ServiceDefaults;

namespace Moderation.Classification.Endpoints;

public static class TrainingEndpoints
{
    public static RouteGroupBuilder MapTrainingEndpoints(this IEndpointRouteBuilder routes, ClassificationOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var api = routes.MapGroup("/api/v1")
            .RequireAuthorization(Roles.Admin)
            .WithTags("Training")
            .WithMetadata(new RequestSizeLimitAttribute(options.MaxTrainingBodyBytes));
        api.MapPost("/training/examples", ImportExamples)
            .WithName("ImportTrainingExamples")
            .ProducesValidationProblem();
        api.MapPost("/training/runs", StartRun)
            .WithName("StartTrainingRun")
            .ProducesProblem(StatusCodes.Status409Conflict);
        api.MapGet("/models", ListModels)
            .WithName("ListModels");
        return api;
    }

    /// <summary>Imports labelled texts in one write; all lines are checked first, so a bad line stores nothing. A text imported again with the same kind is a duplicate.</summary>
    private static async Task<IResult> ImportExamples(HttpRequest http, ITrainingStore store, IOptions<ClassificationOptions> options, TimeProvider clock)
    {
        var limits = options.Value;
        var (requests, validation) = await NdjsonLines.ReadAsync<TrainingExampleRequest>(http, limits.MaxTrainingLines, (prefix, request, v) =>
        {
            v.Text(prefix + "text", request.Text, limits.MaxTextLength, required: true);
            if (request.Labels is null || request.Labels.Count == 0)
            {
                v.Add(prefix + "labels", "is required: at least one {category: 0 or 1}.");
                return;
            }

            foreach (var (category, label) in request.Labels)
            {
                if (!Categories.All.Contains(category))
                {
                    v.Add(prefix + "labels", $"'{category}' is not a category of the taxonomy.");
                }
                else if (label is not (0 or 1))
                {
                    v.Add(prefix + "labels", $"'{category}' must be 0 or 1.");
                }
            }
        });
        if (!validation.IsValid)
        {
            return validation.Problem();
        }

        var accepted = await store.AddExamplesAsync(requests.Select(request =>
        {
            var kind = request.Kind ?? ContentKind.Comment;
            var id = "import:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{kind}\n{request.Text}")));
            return new TrainingExample(id, kind, request.Text!, request.Labels!, "import", clock.GetUtcNow());
        }).ToList(), http.HttpContext.RequestAborted);
        return Results.Ok(new TrainingExamplesImported(accepted, requests.Count - accepted, requests.Count));
    }

    /// <summary>A run that promotes a model changes every verdict after it, so the promotion is published for the audit log with the admin who started the run.</summary>
    private static async Task<IResult> StartRun(TrainingRuns runs, ClaimsPrincipal caller, IPublishEndpoint bus, TimeProvider clock, CancellationToken cancellationToken)
    {
        try
        {
            var run = await runs.RunAsync(cancellationToken);
            if (run.Promoted)
            {
                // Not cancelled with the request: the model is in force by now, and a caller who hangs up must not keep that from the log.
                await bus.Publish(new ModelPromoted(run.Version, run.PromotedCategories ?? [], run.ComparedWith, caller.Identity!.Name!, clock.GetUtcNow()),
                    CancellationToken.None);
            }

            return Results.Ok(run.ToView());
        }
        catch (TrainingRefusedException ex)
        {
            return Results.Problem(ex.Message, statusCode: StatusCodes.Status409Conflict, title: "The training run cannot start.");
        }
    }

    private static async Task<IResult> ListModels(ITrainingStore store, CancellationToken cancellationToken)
    {
        var models = await store.ListModelsAsync(cancellationToken);
        return Results.Ok(new ModelVersionsPage([.. models.Select(m => m.ToView())], models.FirstOrDefault(m => m.Promoted)?.Version));
    }
}
