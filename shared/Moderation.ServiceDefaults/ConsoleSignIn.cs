using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;

namespace Moderation.ServiceDefaults;

/// <summary>
/// The web console's sign-in, when an issuer and a console client are configured
/// (<c>Auth:Oidc:ClientId</c>). The service itself runs the authorization-code flow with PKCE and
/// keeps the person in an HttpOnly, SameSite=Strict cookie: the pages' script never holds a token and
/// never talks to the issuer, so the console's Content-Security-Policy stays 'self'-only. The cookie
/// authenticates an API call only together with the console's header (<see cref="HeaderName"/>), which
/// a page of another site cannot send without this service agreeing first.
/// </summary>
public static class ConsoleSignIn
{
    public const string CookieScheme = "ConsoleSession";
    public const string OidcScheme = "ConsoleOidc";
    public const string HeaderName = "X-Moderation-Console";
    public const string SessionPath = "/console/session";
    public const string SignInPath = "/console/signin";
    public const string SignOutPath = "/console/signout";
    public const string CallbackPath = "/console/signin-oidc";

    /// <summary>How long a console session lasts: a moderator's shift; then the issuer is asked again.</summary>
    public static readonly TimeSpan SessionLifetime = TimeSpan.FromHours(8);

    private const string LoginHintItem = "login_hint";
    private const string DefaultReturnPath = "/review";

    /// <summary>
    /// With a shared key ring every service reads every service's cookie, so one session serves all
    /// the consoles on a host; without one, each service keeps a cookie of its own name, or the
    /// consoles of two services on one host would keep overwriting each other's session.
    /// </summary>
    internal static void AddConsoleSignIn(this IHostApplicationBuilder builder, AuthenticationBuilder authentication, OidcOptions oidc, string serviceName)
    {
        var shared = !string.IsNullOrWhiteSpace(oidc.KeyRingDirectory);
        var sessionName = shared ? "moderation" : serviceName;
        var dataProtection = builder.Services.AddDataProtection().SetApplicationName(sessionName);
        if (shared)
        {
            dataProtection.PersistKeysToFileSystem(new DirectoryInfo(oidc.KeyRingDirectory!));
        }

        authentication
            .AddCookie(CookieScheme, cookie =>
            {
                cookie.Cookie.Name = $"{sessionName}.console";
                cookie.Cookie.HttpOnly = true;
                cookie.Cookie.SameSite = SameSiteMode.Strict;
                cookie.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                cookie.ExpireTimeSpan = SessionLifetime;
                cookie.SlidingExpiration = false;

                // An API call answers 401 or 403, never a redirect to a sign-in page.
                cookie.Events.OnRedirectToLogin = context => Answer(context.Response, StatusCodes.Status401Unauthorized);
                cookie.Events.OnRedirectToAccessDenied = context => Answer(context.Response, StatusCodes.Status403Forbidden);
            })
            .AddOpenIdConnect(OidcScheme, client =>
            {
                client.Authority = oidc.Authority;
                client.ClientId = oidc.ClientId;
                client.ClientSecret = oidc.ClientSecret;
                client.RequireHttpsMetadata = oidc.RequireHttpsMetadata;
                client.ResponseType = OpenIdConnectResponseType.Code;
                client.UsePkce = true;

                // The code comes back on a top-level GET, so the correlation cookies can be SameSite=Lax
                // and work on plain http in development (a form post from the issuer needs SameSite=None,
                // which browsers accept only on https).
                client.ResponseMode = OpenIdConnectResponseMode.Query;
                client.CorrelationCookie.SameSite = SameSiteMode.Lax;
                client.CorrelationCookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                client.NonceCookie.SameSite = SameSiteMode.Lax;
                client.NonceCookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                client.CallbackPath = CallbackPath;
                client.SignInScheme = CookieScheme;
                client.SaveTokens = false;
                client.MapInboundClaims = false;
                client.GetClaimsFromUserInfoEndpoint = false;
                client.Scope.Clear();
                client.Scope.Add(OpenIdConnectScope.OpenId);
                client.Scope.Add("profile");
                client.Events.OnRedirectToIdentityProvider = context =>
                {
                    if (context.Properties.Items.TryGetValue(LoginHintItem, out var hint))
                    {
                        context.ProtocolMessage.LoginHint = hint;
                    }

                    return Task.CompletedTask;
                };
                client.Events.OnTokenValidated = context =>
                {
                    var caller = OidcCallers.From(context.Principal!, oidc, CookieScheme);
                    if (caller is null)
                    {
                        context.Fail(OidcCallers.Refusal(oidc));
                    }
                    else
                    {
                        context.Principal = caller;
                    }

                    return Task.CompletedTask;
                };

                // A refused sign-in (a token naming no one, a person the issuer turned away) is a 403 that says why, not a server error.
                client.Events.OnRemoteFailure = async context =>
                {
                    context.HandleResponse();
                    context.Response.StatusCode = StatusCodes.Status403Forbidden;
                    await context.HttpContext.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
                    {
                        HttpContext = context.HttpContext,
                        ProblemDetails = new ProblemDetails { Status = StatusCodes.Status403Forbidden, Title = "Sign-in refused.", Detail = context.Failure?.Message },
                    });
                };
            });
    }

    /// <summary>
    /// <see cref="SessionPath"/> tells the console whether sign-in is offered and who is signed in;
    /// with a console client, <see cref="SignInPath"/> starts the sign-in and <see cref="SignOutPath"/> ends the session.
    /// </summary>
    public static IEndpointRouteBuilder MapConsoleSignIn(this IEndpointRouteBuilder routes, OidcOptions oidc)
    {
        ArgumentNullException.ThrowIfNull(routes);
        ArgumentNullException.ThrowIfNull(oidc);
        routes.MapGet(SessionPath, async (HttpContext http) =>
        {
            var session = oidc.SignsInConsole ? await http.AuthenticateAsync(CookieScheme) : AuthenticateResult.NoResult();
            var person = session.Succeeded ? session.Principal : null;
            return Results.Ok(new
            {
                signInOffered = oidc.SignsInConsole,
                signedIn = person is not null,
                name = person?.Identity?.Name,
                roles = person?.FindAll(System.Security.Claims.ClaimTypes.Role).Select(c => c.Value).ToArray() ?? [],
                publisher = person is null ? null : Publishers.Of(person),
            });
        }).AllowAnonymous().ExcludeFromDescription();
        if (!oidc.SignsInConsole)
        {
            return routes;
        }

        routes.MapGet(SignInPath, (string? returnUrl, string? loginHint) =>
        {
            var properties = new AuthenticationProperties { RedirectUri = IsLocalPath(returnUrl) ? returnUrl : DefaultReturnPath };
            if (!string.IsNullOrWhiteSpace(loginHint))
            {
                properties.Items[LoginHintItem] = loginHint;
            }

            return Results.Challenge(properties, [OidcScheme]);
        }).AllowAnonymous().ExcludeFromDescription();

        // The console's header is required so that a form of another site cannot end a session either.
        routes.MapPost(SignOutPath, async (HttpContext http) =>
        {
            if (!http.Request.Headers.ContainsKey(HeaderName))
            {
                return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Not from the console.", detail: $"Sign-out needs the {HeaderName} header.");
            }

            await http.SignOutAsync(CookieScheme);
            return Results.NoContent();
        }).AllowAnonymous().ExcludeFromDescription();
        return routes;
    }

    /// <summary>A path of this site only, so the sign-in cannot be used to send someone elsewhere.</summary>
    private static bool IsLocalPath(string? url) =>
        !string.IsNullOrEmpty(url) && url[0] == '/' && (url.Length == 1 || url[1] is not ('/' or '\\'));

    private static Task Answer(HttpResponse response, int status)
    {
        response.StatusCode = status;
        return Task.CompletedTask;
    }
}
