using Moderation.Contracts;
using Refit;

namespace Moderation.Client;

public static class ModerationApiClients
{
    public const string ApiKeyHeader = "X-Api-Key";

    /// <summary>Refit settings that read and write the API's JSON exactly as the services do.</summary>
    public static RefitSettings Settings { get; } = new(new SystemTextJsonContentSerializer(ModerationJson.Options));

    /// <summary>A client on an existing HttpClient; its BaseAddress must point at the service.</summary>
    public static T Create<T>(HttpClient httpClient, string? apiKey)
    {
        ArgumentNullException.ThrowIfNull(httpClient);
        if (apiKey is not null)
        {
            httpClient.DefaultRequestHeaders.Remove(ApiKeyHeader);
            httpClient.DefaultRequestHeaders.Add(ApiKeyHeader, apiKey);
        }

        return RestService.For<T>(httpClient, Settings);
    }
}
