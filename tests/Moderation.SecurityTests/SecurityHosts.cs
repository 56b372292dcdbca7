using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Moderation.Audit;
using Moderation.Classification;
using Moderation.Ingestion;
using Moderation.Review;
using Moderation.Testing;

namespace Moderation.SecurityTests;

/// <summary>Each service on its own in a test host, by name, so a test can run against every one of them.</summary>
public static class SecurityHosts
{
    public const string Ingestion = "ingestion";
    public const string Classification = "classification";
    public const string Review = "review";
    public const string Audit = "audit";

    public static TheoryData<string> EveryService => [Ingestion, Classification, Review, Audit];

    public static Task<ServiceHost> StartAsync(string service, IReadOnlyDictionary<string, string?>? configuration = null)
    {
        (Action<WebApplicationBuilder> add, Action<IEndpointRouteBuilder> map) = service switch
        {
            Ingestion => ((Action<WebApplicationBuilder>)(b => b.AddIngestion()), (Action<IEndpointRouteBuilder>)(r => r.MapIngestion())),
            Classification => (b => b.AddClassification(), r => r.MapClassification()),
            Review => (b => b.AddReview(), r => r.MapReview()),
            Audit => (b => b.AddAudit(), r => r.MapAudit()),
            _ => throw new ArgumentOutOfRangeException(nameof(service), service, "Not a service."),
        };
        return ServiceHost.StartAsync($"{service}-security-test", configuration ?? new Dictionary<string, string?>(), add, map);
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
