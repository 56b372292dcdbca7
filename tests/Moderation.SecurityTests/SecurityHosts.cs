using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Moderation.Audit;
using Moderation.Classification;
using Moderation.Client;
using Moderation.Ingestion;
using Moderation.Review;
using Moderation.Testing;

namespace Moderation.SecurityTests;

/// <summary>The services in test hosts: each on its own, by name, or all four in one host as Moderation.AllInOne runs them.</summary>
public static class SecurityHosts
{
    public const string Ingestion = "ingestion";
    public const string Classification = "classification";
    public const string Review = "review";
    public const string Audit = "audit";

    private static readonly Dictionary<string, (Action<WebApplicationBuilder> Add, Action<IEndpointRouteBuilder> Map)> Wiring = new()
    {
        [Ingestion] = (b => b.AddIngestion(), r => r.MapIngestion()),
        [Classification] = (b => b.AddClassification(), r => r.MapClassification()),
        [Review] = (b => b.AddReview(), r => r.MapReview()),
        [Audit] = (b => b.AddAudit(), r => r.MapAudit()),
    };

    public static TheoryData<string> EveryService => [.. Wiring.Keys];

    public static Task<ServiceHost> StartAsync(string service, IReadOnlyDictionary<string, string?>? configuration = null) =>
        StartAsync($"{service}-security-test", [service], configuration);

    /// <summary>The four services in one host on the in-memory bus, as Moderation.AllInOne runs them.</summary>
    public static Task<ServiceHost> StartAllInOneAsync(IReadOnlyDictionary<string, string?>? configuration = null) =>
        StartAsync("allinone-security-test", [.. Wiring.Keys], configuration);

    private static Task<ServiceHost> StartAsync(string name, IReadOnlyList<string> services, IReadOnlyDictionary<string, string?>? configuration) =>
        ServiceHost.StartAsync(name, configuration ?? new Dictionary<string, string?>(),
            builder => services.ToList().ForEach(s => Wiring[s].Add(builder)),
            routes => services.ToList().ForEach(s => Wiring[s].Map(routes)));

    /// <summary>A typed client of the host that sends <paramref name="accessToken"/> as a bearer token on every request.</summary>
    public static T BearerClient<T>(this ServiceHost host, string accessToken)
    {
        ArgumentNullException.ThrowIfNull(host);
        var http = host.Http();
        http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", accessToken);
        return ModerationApiClients.Create<T>(http, apiKey: null);
    }

    /// <summary>A plain client of the host that sends <paramref name="apiKey"/> on every request.</summary>
    public static HttpClient Http(this ServiceHost host, string apiKey)
    {
        ArgumentNullException.ThrowIfNull(host);
        var http = host.Http();
        http.DefaultRequestHeaders.Add("X-Api-Key", apiKey);
        return http;
    }
}
