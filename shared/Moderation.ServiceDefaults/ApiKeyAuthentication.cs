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

/// <summary>The roles an API key can carry; each is also the name of the policy that admits it.</summary>
public static class Roles
{
    public const string Submitter = "submitter";
    public const string Moderator = "moderator";
    public const string SeniorModerator = "senior-moderator";
    public const string Auditor = "auditor";
    public const string Admin = "admin";

    public static IReadOnlyList<string> All { get; } = [Submitter, Moderator, SeniorModerator, Auditor, Admin];
}

public sealed class ApiKeyEntry
{
    [Required]
    public string Name { get; set; } = "";

    /// <summary>The key itself, or <c>sha256:&lt;hex&gt;</c> of it so no secret sits in a file.</summary>
    [Required]
    public string Key { get; set; } = "";

    public List<string> Roles { get; set; } = [];
}

public sealed class AuthOptions : IValidatableObject
{
    public const string Section = "Auth";

    public List<ApiKeyEntry> ApiKeys { get; set; } = [];

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        for (var i = 0; i < ApiKeys.Count; i++)
        {
            var entry = ApiKeys[i];
            if (string.IsNullOrWhiteSpace(entry.Name) || string.IsNullOrWhiteSpace(entry.Key))
            {
                yield return new ValidationResult($"Auth:ApiKeys:{i} needs a Name and a Key.");
            }
            else if (entry.Key.StartsWith(ApiKeyHash.Prefix, StringComparison.Ordinal) && !ApiKeyHash.IsValidHex(entry.Key[ApiKeyHash.Prefix.Length..]))
            {
                yield return new ValidationResult($"Auth:ApiKeys:{i} ({entry.Name}): a sha256: key needs 64 hex digits.");
            }

            foreach (var role in entry.Roles.Where(r => !Moderation.ServiceDefaults.Roles.All.Contains(r)))
            {
                yield return new ValidationResult($"Auth:ApiKeys:{i} ({entry.Name}): unknown role '{role}'.");
            }
        }

        var duplicate = ApiKeys.GroupBy(k => k.Name, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            yield return new ValidationResult($"Auth:ApiKeys: the name '{duplicate.Key}' is used twice.");
        }
    }
}

public static class ApiKeyHash
{
    public const string Prefix = "sha256:";

    public static string Of(string key) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));

    /// <summary>The stored form of a configured key: its hash, whether it was given hashed or plain.</summary>
    public static byte[] StoredHash(string configuredKey) =>
        configuredKey.StartsWith(Prefix, StringComparison.Ordinal)
            ? Convert.FromHexString(configuredKey[Prefix.Length..])
            : SHA256.HashData(Encoding.UTF8.GetBytes(configuredKey));

    internal static bool IsValidHex(string hex) => hex.Length == 64 && hex.All(Uri.IsHexDigit);
}

/// <summary>Keys as they are held in memory: hashed, so a heap dump shows no secret either.</summary>
public sealed class ApiKeyRing
{
    private readonly List<(byte[] Hash, string Name, IReadOnlyList<string> Roles)> _keys;

    public ApiKeyRing(IOptions<AuthOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _keys = options.Value.ApiKeys
            .Select(k => (ApiKeyHash.StoredHash(k.Key), k.Name, (IReadOnlyList<string>)k.Roles.ToArray()))
            .ToList();
    }

    public IEnumerable<(string Name, IReadOnlyList<string> Roles)> Keys => _keys.Select(k => (k.Name, k.Roles));

    public (string Name, IReadOnlyList<string> Roles)? Find(string presentedKey)
    {
        var presented = SHA256.HashData(Encoding.UTF8.GetBytes(presentedKey));
        (string, IReadOnlyList<string>)? match = null;
        foreach (var key in _keys)
        {
            // Compare against every key so the time taken does not reveal which one matched.
            if (CryptographicOperations.FixedTimeEquals(key.Hash, presented))
            {
                match = (key.Name, key.Roles);
            }
        }

        return match;
    }
}

public sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    ApiKeyRing keys)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiKey";
    public const string HeaderName = "X-Api-Key";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!Request.Headers.TryGetValue(HeaderName, out var values) || string.IsNullOrEmpty(values.ToString()))
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }

        var match = keys.Find(values.ToString());
        if (match is null)
        {
            return Task.FromResult(AuthenticateResult.Fail("Unknown API key."));
        }

        var claims = new List<Claim> { new(ClaimTypes.Name, match.Value.Name) };
        claims.AddRange(match.Value.Roles.Select(r => new Claim(ClaimTypes.Role, r)));
        var identity = new ClaimsIdentity(claims, SchemeName);
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName)));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.Headers.WWWAuthenticate = $"{SchemeName} header=\"{HeaderName}\"";
        return base.HandleChallengeAsync(properties);
    }
}

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
