using System.Text.Json;
using Microsoft.Extensions.Options;

namespace Moderation.Ingestion.Intake;

/// <summary>A successful answer, kept as it was sent so that a retry under the same Idempotency-Key gets it again.</summary>
public sealed class JsonAnswer(int statusCode, object value, string? location) : IResult, IStatusCodeHttpResult, IValueHttpResult
{
    public int? StatusCode => statusCode;

    public object Value => value;

    public string? Location => location;

    public static JsonAnswer Accepted(string location, object value) => new(StatusCodes.Status202Accepted, value, location);

    public static JsonAnswer Ok(object value) => new(StatusCodes.Status200OK, value, null);

    public string ToJson(JsonSerializerOptions options) => JsonSerializer.Serialize(value, value.GetType(), options);

    public Task ExecuteAsync(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        if (location is not null)
        {
            httpContext.Response.Headers.Location = location;
        }

        httpContext.Response.StatusCode = statusCode;
        return httpContext.Response.WriteAsJsonAsync(value, value.GetType(), httpContext.RequestServices.GetRequiredService<IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions>>().Value.SerializerOptions);
    }
}
