using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Moderation.ServiceDefaults;

public static class ApiKeyAuthenticationExtensions
{
    public static IHostApplicationBuilder AddApiKeyAuthentication(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<AuthOptions>()
            .Bind(builder.Configuration.GetSection(AuthOptions.Section))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddSingleton<ApiKeyRing>();
        builder.Services.AddAuthentication(ApiKeyAuthenticationHandler.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null);

        // Each role is a policy; admin passes every one, and a senior moderator does a moderator's work too.
        var authorization = builder.Services.AddAuthorizationBuilder();
        authorization.AddPolicy(Roles.Submitter, p => p.RequireRole(Roles.Submitter, Roles.Admin));
        authorization.AddPolicy(Roles.Moderator, p => p.RequireRole(Roles.Moderator, Roles.SeniorModerator, Roles.Admin));
        authorization.AddPolicy(Roles.SeniorModerator, p => p.RequireRole(Roles.SeniorModerator, Roles.Admin));
        authorization.AddPolicy(Roles.Auditor, p => p.RequireRole(Roles.Auditor, Roles.Admin));
        authorization.AddPolicy(Roles.Admin, p => p.RequireRole(Roles.Admin));
        return builder;
    }
}
