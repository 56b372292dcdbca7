using System.Text.Json;
using System.Text.Json.Serialization;

namespace Moderation.Contracts;

/// <summary>
/// The JSON shape of the public API, shared by the services and their clients so that
/// <c>in_review</c>, <c>approve</c> and <c>article</c> are spelled the same on both sides.
/// </summary>
public static class ModerationJson
{
    public static JsonSerializerOptions Options { get; } = Configure(new JsonSerializerOptions(JsonSerializerDefaults.Web));

    public static JsonSerializerOptions Configure(JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.PropertyNamingPolicy = JsonNamingPolicy.CamelCase;
        options.DefaultIgnoreCondition = JsonIgnoreCondition.Never;
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower, allowIntegerValues: false));
        options.MaxDepth = 32;
        return options;
    }
}
