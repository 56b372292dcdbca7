using Microsoft.Extensions.DependencyInjection;
using Refit;

namespace Moderation.Client;

public static class ClientRegistration
{
    /// <summary>Registers all four API clients; each service may live at its own address with its own key.</summary>
    public static IServiceCollection AddModerationApiClients(
        this IServiceCollection services,
        ModerationApiEndpoint ingestion,
        ModerationApiEndpoint classification,
        ModerationApiEndpoint review,
        ModerationApiEndpoint audit)
    {
        services.AddModerationApiClient<IIngestionApi>(ingestion);
        services.AddModerationApiClient<IClassificationApi>(classification);
        services.AddModerationApiClient<IReviewApi>(review);
        services.AddModerationApiClient<IAuditApi>(audit);
        return services;
    }

    public static IHttpClientBuilder AddModerationApiClient<T>(this IServiceCollection services, ModerationApiEndpoint endpoint)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        return services.AddRefitClient<T>(ModerationApiClients.Settings)
            .ConfigureHttpClient(client =>
            {
                client.BaseAddress = endpoint.BaseAddress;
                client.DefaultRequestHeaders.Add(ModerationApiClients.ApiKeyHeader, endpoint.ApiKey);
            });
    }
}
