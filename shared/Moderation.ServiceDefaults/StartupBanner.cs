using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Moderation.ServiceDefaults;

/// <summary>Tells the operator where the process listens and which API keys exist, by name only.</summary>
internal static class StartupBanner
{
    public static void Print(WebApplication app)
    {
        var identity = app.Services.GetRequiredService<ServiceIdentity>();
        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        var keys = app.Services.GetRequiredService<ApiKeyRing>().Keys.ToList();
        var bus = app.Services.GetRequiredService<IOptions<BusOptions>>().Value;
        var storage = app.Services.GetRequiredService<IOptions<StorageOptions>>().Value;
        var lines = new List<string>
        {
            $"{identity.Name} is running.",
            $"  listening on: {string.Join(", ", addresses)}",
            $"  bus: {bus.Transport}{(bus.Transport == BusTransport.RabbitMq ? $" at {bus.RabbitMq.Host}:{bus.RabbitMq.Port}, virtual host {bus.RabbitMq.VirtualHost}" : "")}",
            $"  store: {storage.Provider}",
            keys.Count == 0
                ? "  API keys: none configured (Auth:ApiKeys); every API call will be refused."
                : $"  API keys: {string.Join(", ", keys.Select(k => $"{k.Name} ({string.Join(", ", k.Roles)})"))}",
        };
        Console.Out.WriteLine(string.Join(Environment.NewLine, lines));
        Console.Out.Flush();
    }
}
