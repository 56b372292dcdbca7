using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;

namespace Moderation.ServiceDefaults;

/// <summary>
/// Turns a request the framework could not bind (malformed JSON, a number where text belongs, a
/// missing body, a body over its size limit) into a problem that names the field and the reason,
/// instead of a bare 400 or a 500.
/// </summary>
internal sealed class BadRequestProblems(IProblemDetailsService problems) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not BadHttpRequestException bad)
        {
            return false;
        }

        var problem = new HttpValidationProblemDetails { Status = bad.StatusCode, Title = "The request is not valid." };
        if (FindJsonException(bad) is { } json)
        {
            var field = string.IsNullOrEmpty(json.Path) || json.Path == "$" ? "body" : json.Path.TrimStart('$', '.');
            problem.Errors[field] = [json.Message.StartsWith("The JSON value could not be converted", StringComparison.Ordinal)
                ? "has the wrong JSON type here."
                : json.Message.Split(" Path:", 2)[0]];
        }
        else
        {
            problem.Title = bad.StatusCode == StatusCodes.Status413PayloadTooLarge ? "The request body is too large." : problem.Title;
            problem.Errors["body"] = [bad.Message];
        }

        httpContext.Response.StatusCode = bad.StatusCode;
        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = httpContext, ProblemDetails = problem, Exception = exception });
    }

    private static JsonException? FindJsonException(Exception exception)
    {
        for (var current = exception; current is not null; current = current.InnerException)
        {
            if (current is JsonException json)
            {
                return json;
            }
        }

        return null;
    }
}
