using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace Moderation.ServiceDefaults;

/// <summary>Tells the operator where the process listens and which API keys exist, by name only.</summary>
internal static class StartupBanner
{
    public static void Print(WebApplication app)
    {
        var identity = app.Services.GetRequiredService<ServiceIdentity>();
        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        var keys = app.Services.GetRequiredService<ApiKeyRing>().Holders.ToList();
        var lines = new List<string>
        {
            $"{identity.Name} is running.",
            $"  listening on: {string.Join(", ", addresses)}",
            keys.Count == 0
                ? "  API keys: none configured (Auth:ApiKeys); every API call will be refused."
                : $"  API keys: {string.Join(", ", keys.Select(k => $"{k.Name} ({string.Join(", ", k.Roles)}{(k.Publisher is null ? "" : $" for {k.Publisher}")})"))}",
        };
        lines.AddRange(app.Services.GetServices<StartupBannerLine>().Select(line => "  " + line.Describe(app.Services)));
        Console.Out.WriteLine(string.Join(Environment.NewLine, lines));
        Console.Out.Flush();
    }
}
