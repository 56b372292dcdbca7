using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Moderation.ServiceDefaults;

/// <summary>Tells the operator where the process listens, which API keys exist (by name only) and which issuer people sign in with.</summary>
internal static class StartupBanner
{
    public static void Print(WebApplication app)
    {
        var identity = app.Services.GetRequiredService<ServiceIdentity>();
        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        var keys = app.Services.GetRequiredService<ApiKeyRing>().Holders.ToList();
        var oidc = app.Services.GetRequiredService<IOptions<AuthOptions>>().Value.Oidc;
        var lines = new List<string>
        {
            $"{identity.Name} is running.",
            $"  listening on: {string.Join(", ", addresses)}",
            keys.Count == 0 && !oidc.IsConfigured
                ? "  API keys: none configured (Auth:ApiKeys) and no OpenID Connect issuer (Auth:Oidc); every API call will be refused."
                : $"  API keys: {string.Join(", ", keys.Select(k => $"{k.Name} ({string.Join(", ", k.Roles)}{(k.Publisher is null ? "" : $" for {k.Publisher}")})"))}",
            oidc.IsConfigured
                ? $"  people sign in at: {oidc.Authority} (tokens for {oidc.Audience}; name, roles and publisher in '{oidc.NameClaim}', '{oidc.RoleClaim}', '{oidc.PublisherClaim}')"
                : "  people sign in: with API keys only (no Auth:Oidc:Authority)",
        };
        lines.AddRange(app.Services.GetServices<StartupBannerLine>().Select(line => "  " + line.Describe(app.Services)));
        Console.Out.WriteLine(string.Join(Environment.NewLine, lines));
        Console.Out.Flush();
    }
}
