using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.IdentityModel.Tokens;

namespace Moderation.ServiceDefaults;

/// <summary>
/// Who is calling. Machines present an API key (<c>X-Api-Key</c>); people present an OpenID Connect
/// access token (<c>Authorization: Bearer</c>) from the configured issuer. A policy scheme picks the
/// scheme by the header the request carries, and either way the endpoints see the same claims: the
/// caller's name, roles and publisher (<see cref="Publishers"/>).
/// </summary>
public static class ModerationAuthentication
{
    public const string SchemeName = "Moderation";

    /// <param name="serviceName">Names the console's session cookie, so the consoles of two services on one host keep theirs apart.</param>
    public static IHostApplicationBuilder AddModerationAuthentication(this IHostApplicationBuilder builder, string serviceName)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddOptions<AuthOptions>()
            .Bind(builder.Configuration.GetSection(AuthOptions.Section))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddSingleton<ApiKeyRing>();

        // Read here rather than through options: whether the bearer scheme exists at all is decided once, at start.
        var oidc = builder.Configuration.GetSection($"{AuthOptions.Section}:{nameof(AuthOptions.Oidc)}").Get<OidcOptions>() ?? new OidcOptions();
        var authentication = builder.Services.AddAuthentication(SchemeName)
            .AddPolicyScheme(SchemeName, "API key, bearer token or console session", policy => policy.ForwardDefaultSelector = context => SchemeOf(context.Request, oidc))
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null);
        if (oidc.IsConfigured)
        {
            authentication.AddJwtBearer(bearer => ConfigureBearer(bearer, oidc));
        }

        if (oidc.SignsInConsole)
        {
            builder.AddConsoleSignIn(authentication, oidc, serviceName);
        }

        // Each role is a policy; admin passes every one, and a senior moderator does a moderator's work too.
        var authorization = builder.Services.AddAuthorizationBuilder();
        authorization.AddPolicy(Roles.Submitter, p => p.RequireRole(Roles.Submitter, Roles.Admin));
        authorization.AddPolicy(Roles.Moderator, p => p.RequireRole(Roles.Moderator, Roles.SeniorModerator, Roles.Admin));
        authorization.AddPolicy(Roles.SeniorModerator, p => p.RequireRole(Roles.SeniorModerator, Roles.Admin));
        authorization.AddPolicy(Roles.Auditor, p => p.RequireRole(Roles.Auditor, Roles.Admin));
        authorization.AddPolicy(Roles.Admin, p => p.RequireRole(Roles.Admin));
        return builder;
    }

    /// <summary>
    /// A key when one is sent; a bearer token when one is sent and an issuer is configured; the console's
    /// session cookie when the console's own header comes with it (a page of another site cannot send
    /// that header without the browser asking this service first, so the cookie alone never acts);
    /// else the key scheme, whose challenge asks for a key.
    /// </summary>
    private static string SchemeOf(HttpRequest request, OidcOptions oidc)
    {
        if (request.Headers.ContainsKey(ApiKeyAuthenticationHandler.HeaderName))
        {
            return ApiKeyAuthenticationHandler.SchemeName;
        }

        if (oidc.IsConfigured && request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return JwtBearerDefaults.AuthenticationScheme;
        }

        return oidc.SignsInConsole && request.Headers.ContainsKey(ConsoleSignIn.HeaderName)
            ? ConsoleSignIn.CookieScheme
            : ApiKeyAuthenticationHandler.SchemeName;
    }

    private static void ConfigureBearer(JwtBearerOptions bearer, OidcOptions oidc)
    {
        bearer.Authority = oidc.Authority;
        bearer.Audience = oidc.Audience;
        bearer.RequireHttpsMetadata = oidc.RequireHttpsMetadata;

        // The token's own claim names, not the framework's mapping of them to long URIs.
        bearer.MapInboundClaims = false;
        bearer.TokenValidationParameters = new TokenValidationParameters
        {
            ValidAudience = oidc.Audience,
            NameClaimType = oidc.NameClaim,
            RoleClaimType = oidc.RoleClaim,
        };
        bearer.Events = new JwtBearerEvents
        {
            OnTokenValidated = context =>
            {
                var caller = OidcCallers.From(context.Principal!, oidc, JwtBearerDefaults.AuthenticationScheme);
                if (caller is null)
                {
                    context.Fail(OidcCallers.Refusal(oidc));
                }
                else
                {
                    context.Principal = caller;
                }

                return Task.CompletedTask;
            },
        };
    }
}
