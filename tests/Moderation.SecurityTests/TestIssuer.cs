using System.Net.Http.Json;
using System.Security.Claims;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OpenIddict.Abstractions;
using OpenIddict.Server.AspNetCore;
using static OpenIddict.Abstractions.OpenIddictConstants;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace Moderation.SecurityTests;

/// <summary>
/// A real OpenID Connect issuer on 127.0.0.1 for the tests: OpenIddict's server with keys made at
/// start and no database (degraded mode: the handlers below authenticate the client and the people).
/// It issues signed JWT access tokens for <see cref="Audience"/> carrying the person's roles in
/// <c>role</c> and their publisher in <c>publisher</c>, by the password grant (for API tests) and by
/// the authorization-code grant with PKCE (for the console's sign-in), where <c>login_hint</c> names
/// who signs in, as if they had typed their password on the issuer's page.
/// </summary>
public sealed class TestIssuer : IAsyncDisposable
{
    public const string Audience = "moderation-api";
    public const string ClientId = "moderation-console";
    public const string Password = "correct horse battery staple";
    public const string RoleClaim = Claims.Role;
    public const string PublisherClaim = "publisher";

    private readonly WebApplication _app;
    private readonly HttpClient _http;

    private TestIssuer(WebApplication app, Uri authority)
    {
        _app = app;
        Authority = authority;
        _http = new HttpClient { BaseAddress = authority };
    }

    public Uri Authority { get; }

    /// <summary>What a service needs to accept this issuer's tokens and to sign people in to its console with it.</summary>
    public IReadOnlyDictionary<string, string?> ServiceConfiguration => new Dictionary<string, string?>
    {
        ["Auth:Oidc:Authority"] = Authority.ToString(),
        ["Auth:Oidc:Audience"] = Audience,
        ["Auth:Oidc:RoleClaim"] = RoleClaim,
        ["Auth:Oidc:PublisherClaim"] = PublisherClaim,
        ["Auth:Oidc:RequireHttpsMetadata"] = "false",
        ["Auth:Oidc:ClientId"] = ClientId,
    };

    public static async Task<TestIssuer> StartAsync(IEnumerable<TestPerson> people, string audience = Audience)
    {
        var directory = people.ToDictionary(p => p.Name, StringComparer.Ordinal);
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Testing" });
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddOpenIddict().AddServer(server =>
        {
            server.SetTokenEndpointUris("connect/token").SetAuthorizationEndpointUris("connect/authorize");
            server.AllowPasswordFlow().AllowAuthorizationCodeFlow().RequireProofKeyForCodeExchange();
            server.RegisterScopes(Scopes.OpenId, Scopes.Profile);
            server.EnableDegradedMode().DisableTokenStorage();
            server.AddEphemeralEncryptionKey().AddEphemeralSigningKey().DisableAccessTokenEncryption();
            server.UseAspNetCore().DisableTransportSecurityRequirement();

            server.AddEventHandler<ValidateTokenRequestContext>(handler => handler.UseInlineHandler(context =>
            {
                if (context.ClientId != ClientId)
                {
                    context.Reject(Errors.InvalidClient, "Unknown client.");
                }

                return default;
            }));
            server.AddEventHandler<HandleTokenRequestContext>(handler => handler.UseInlineHandler(context =>
            {
                if (!context.Request.IsPasswordGrantType())
                {
                    return default;
                }

                if (context.Request.Password != Password || !directory.TryGetValue(context.Request.Username ?? "", out var person))
                {
                    context.Reject(Errors.InvalidGrant, "Wrong name or password.");
                    return default;
                }

                context.SignIn(PrincipalOf(person, audience));
                return default;
            }));
            server.AddEventHandler<ValidateAuthorizationRequestContext>(handler => handler.UseInlineHandler(context =>
            {
                // Without a database of clients, the redirect address is checked here: only back to the loopback interface.
                if (context.ClientId != ClientId || !Uri.TryCreate(context.RedirectUri, UriKind.Absolute, out var redirect) || !redirect.IsLoopback)
                {
                    context.Reject(Errors.InvalidClient, "Unknown client or redirect address.");
                }

                return default;
            }));
            server.AddEventHandler<HandleAuthorizationRequestContext>(handler => handler.UseInlineHandler(context =>
            {
                if (!directory.TryGetValue(context.Request.LoginHint ?? "", out var person))
                {
                    context.Reject(Errors.AccessDenied, "No such person.");
                    return default;
                }

                context.SignIn(PrincipalOf(person, audience));
                return default;
            }));
        });

        var app = builder.Build();
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new TestIssuer(app, new Uri(address + "/"));
    }

    /// <summary>An access token for <paramref name="person"/>, by the password grant.</summary>
    public async Task<string> TokenAsync(string person)
    {
        using var response = await _http.PostAsync("connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            [Parameters.GrantType] = GrantTypes.Password,
            [Parameters.ClientId] = ClientId,
            [Parameters.Username] = person,
            [Parameters.Password] = Password,
            [Parameters.Scope] = Scopes.OpenId,
        }));
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(response.IsSuccessStatusCode, $"The issuer refused a token for {person}: {body}");
        return body.GetProperty(Parameters.AccessToken).GetString()!;
    }

    private static ClaimsPrincipal PrincipalOf(TestPerson person, string audience)
    {
        var identity = new ClaimsIdentity(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme, Claims.Name, Claims.Role);
        identity.SetClaim(Claims.Subject, person.Name)
            .SetClaim(Claims.Name, person.Name)
            .SetClaims(Claims.Role, [.. person.Roles]);
        if (person.Publisher is not null)
        {
            identity.SetClaim(PublisherClaim, person.Publisher);
        }

        identity.SetResources(audience);
        identity.SetScopes(Scopes.OpenId);
        identity.SetDestinations(_ => [Destinations.AccessToken, Destinations.IdentityToken]);
        return new ClaimsPrincipal(identity);
    }

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
